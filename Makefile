# The two commands a newcomer needs:   make book   and   make test
# Everything else here is what those two run.
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# jupyter-book without an import no build uses (industrybook/tooling/jupyterbook.py): seconds a build
JB := $(BIN)/python -m industrybook.tooling.jupyterbook
# Deterministic outputs (nbval compares them): fixed build date, no hash randomisation.
export SOURCE_DATE_EPOCH := 1767225600
export PYTHONHASHSEED := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1
JBFLAGS := -W -n --keep-going

.PHONY: book html pdf test sysdeps venv fontcache outputs screenshots bench bench-propose propose clean check-copied lab student

book: html pdf ## HTML in _build/html, PDF at _build/pdf/book.pdf

sysdeps:
	@scripts/sysdeps.sh book

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PY) -c "import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)" || { \
	  echo "Python 3.11 is needed; $(PY) is $$($(PY) --version 2>&1). Install python3.11 or run make PY=/path/to/python3.11"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

venv: $(VENV)/.installed

# matplotlib's font cache predates fonts installed later: rebuilt once, and again whenever
# scripts/sysdeps.sh installs packages (it removes the stamp).
FONTSTAMP := _build/.fontcache-ok
$(FONTSTAMP): | $(VENV)/.installed
	@$(BIN)/python -m industrybook.render.fonts
	@mkdir -p _build && touch $@

fontcache: sysdeps venv $(FONTSTAMP)

# MathJax served from the book itself (no CDN): taken from the npm registry at build time.
# _vendor, not _static: jupyter-book adds every .js file under _static to every page
MATHJAX := _vendor/mathjax
$(MATHJAX)/tex-chtml.js:
	@command -v npm >/dev/null || { echo "npm is needed to fetch MathJax (apt-get install npm)"; exit 1; }
	mkdir -p _build/npm $(MATHJAX)
	cd _build/npm && npm pack mathjax@3.2.2 --silent >/dev/null
	tar xzf _build/npm/mathjax-3.2.2.tgz -C _build/npm
	cp -r _build/npm/package/es5/. $(MATHJAX)/

html: sysdeps venv fontcache $(MATHJAX)/tex-chtml.js
	$(BIN)/python -m industrybook.tooling.cachedeps --execute
	$(JB) build . $(JBFLAGS)

# A failed LaTeX run must not leave latexmk's state behind: it would say "Nothing to do" next time.
LATEXSTATE := _build/latex/book.fdb_latexmk _build/latex/book.aux _build/latex/book.log _build/latex/book.xdv _build/latex/book.pdf
pdf: html
	$(JB) build . --builder pdflatex $(JBFLAGS) || { rm -f $(LATEXSTATE); exit 1; }
	test -s _build/latex/book.pdf || { rm -f $(LATEXSTATE); echo "no PDF was written"; exit 1; }
	mkdir -p _build/pdf && cp _build/latex/book.pdf _build/pdf/book.pdf
	@echo "PDF: _build/pdf/book.pdf"

# Re-execute chapters in place so the outputs nbval compares against are current.
outputs: venv fontcache
	$(BIN)/python -m industrybook.tooling.refresh_outputs $(NB)

test: sysdeps venv fontcache
	@scripts/sysdeps.sh browser
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg tests chapters

# Rerun the chapters in JupyterLab (MyST renders through jupyterlab-myst); needs only the venv and fonts.
lab: sysdeps venv fontcache
	$(BIN)/jupyter lab --notebook-dir=chapters --ServerApp.ip=127.0.0.1

# The student edition: solutions removed, an empty answer cell per exercise, executed; one zip.
student: sysdeps venv fontcache
	$(BIN)/python scripts/student_edition.py _build/student

screenshots: venv
	$(BIN)/python -m industrybook.tooling.screens _build/screenshots

bench: venv
	$(BIN)/python scripts/bench.py $(BENCHFLAGS)

# Draft a new page's facts for review: make propose PAGE=path/to/page.txt SOURCE=source_id [OUT=review.csv]
# and merge the reviewed file into data/: make propose ACCEPT=review.csv (data/README.md, "Adding an article")
propose: venv
	$(BIN)/python -m industrybook.tooling.propose $(if $(ACCEPT),--accept $(ACCEPT),$(PAGE) --source-id $(SOURCE) $(if $(OUT),--out $(OUT)))

# The propose tool against facts.csv on the five pages: recall, precision, period accuracy, time
bench-propose: venv
	$(BIN)/python scripts/bench_propose.py

check-copied:
	$(PY) ../shared/tools/copied_text.py .

clean:
	rm -rf _build
