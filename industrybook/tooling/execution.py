"""jupyter-cache's local-parallel executor, with kernels that skip the imports no chapter uses.

Every chapter imports myst-nb's glue, which imports nbformat and so jsonschema; jsonschema then
compiles rfc3987-syntax's IRI grammars (see :mod:`industrybook.tooling.jupyterbook`): seconds of
CPU in every kernel, for a format check no chapter runs. The kernels here start with
:data:`~industrybook.tooling.jupyterbook.KERNEL_ARGUMENTS`, which block that import; the rest is
jupyter-cache's executor (a process pool over the machine's cores, results cached where myst-nb's
cache mode finds them). Imported only when notebooks are to be executed: jupyter-cache takes
seconds to import.
"""
from __future__ import annotations

from pathlib import Path

from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc, JupyterExecutorLocalMproc
from jupyter_cache.executors.utils import single_nb_execution

from industrybook.tooling.jupyterbook import KERNEL_ARGUMENTS


class LeanWorker(ExecutionWorkerLocalMProc):
    """Executes one notebook in its own folder, as jupyter-cache's worker does, in a lean kernel."""

    @staticmethod
    def execute(project_nb, data):
        return single_nb_execution(project_nb.nb, cwd=str(Path(project_nb.uri).parent), timeout=data.timeout,
                                   allow_errors=data.allow_errors, extra_arguments=list(KERNEL_ARGUMENTS))


class LeanParallelExecutor(JupyterExecutorLocalMproc):
    """jupyter-cache's ``local-parallel`` executor with :class:`LeanWorker` for its worker."""

    _EXECUTION_WORKER = LeanWorker

