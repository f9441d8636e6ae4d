"""Reader-visible outputs (glued text/plain, markdown tables, printed text, plain results) of every chapter
notebook, compared between a commit and the working tree:  python scripts/compare_outputs.py [COMMIT]
(default 9e3e06d). Prints every string that changed, notebook by notebook."""
import ast, difflib, json, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GLUED = "application/papermill.record/text/plain"

def outputs(text):
    nb = json.loads(text)
    glued, blocks = {}, {}
    for cell in nb["cells"]:
        cid = cell.get("id")
        for k, out in enumerate(cell.get("outputs", [])):
            data = out.get("data", {})
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if name and GLUED in data and set(data) == {GLUED}:
                try:
                    glued[name] = ast.literal_eval("".join(data[GLUED]))
                except Exception:
                    glued[name] = "".join(data[GLUED])
            elif "text/markdown" in data:
                blocks[f"{cid}#{k} markdown"] = "".join(data["text/markdown"])
            elif out.get("output_type") == "stream":  # a cell's printed text, however it was flushed
                blocks[f"{cid} stream"] = blocks.get(f"{cid} stream", "") + "".join(out.get("text", ""))
            elif "text/plain" in data and not name:
                blocks[f"{cid}#{k} text/plain"] = "".join(data["text/plain"])
    return glued, blocks

def main(old="9e3e06d"):
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        rel = path.relative_to(ROOT).as_posix()
        old_text = subprocess.run(["git", "-C", str(ROOT), "show", f"{old}:{rel}"], capture_output=True, text=True).stdout
        if not old_text:
            continue
        og, ob = outputs(old_text)
        ng, nb = outputs(path.read_text(encoding="utf-8"))
        lines = []
        for key in sorted(set(og) | set(ng)):
            if og.get(key) != ng.get(key):
                lines.append(f"  glue {key}: {og.get(key)!r} -> {ng.get(key)!r}")
        for key in sorted(set(ob) | set(nb)):
            a, b = ob.get(key, ""), nb.get(key, "")
            if a != b:
                diff = [l for l in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
                        if l[:1] in "+-" and not l.startswith(("+++", "---"))]
                lines.append(f"  {key}:\n" + "\n".join("    " + l[:400] for l in diff))
        if lines:
            print(f"== {rel}")
            print("\n".join(lines))

if __name__ == "__main__":
    main(*sys.argv[1:])
