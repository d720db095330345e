"""The front end stays readable: no function in static/js is over 80 lines."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "js_function_lengths.py"
_spec = importlib.util.spec_from_file_location("js_function_lengths", SCRIPT)
lengths = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lengths)


def _spans(tmp_path, source: str) -> dict[str, int]:
    path = tmp_path / "sample.js"
    path.write_text(source, encoding="utf-8")
    return {f.name: f.lines for f in lengths.functions(path)}


def test_no_function_in_static_js_is_over_80_lines():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--max", "80"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_declarations_arrows_and_methods_are_measured_from_first_to_last_line(tmp_path):
    spans = _spans(
        tmp_path,
        "export function outer(a) {\n"
        "  const inner = (b) => {\n"
        "    return b;\n"
        "  };\n"
        "  return inner(a);\n"
        "}\n"
        "const short = (x) =>\n"
        "  x + 1;\n"
        "const widget = {\n"
        "  render(node) {\n"
        "    node.hidden = true;\n"
        "  },\n"
        "};\n",
    )
    assert spans == {"outer": 6, "inner": 3, "short": 2, "render": 3}


def test_braces_in_strings_templates_comments_and_regexes_do_not_end_a_function(tmp_path):
    spans = _spans(
        tmp_path,
        "function tricky(text) {\n"
        '  const a = "}";\n'
        "  const b = `${text.replace(/[}]/g, '}')} }`;\n"
        "  // } a closing brace in a comment\n"
        "  /* } and in a block comment */\n"
        "  return a + b;\n"
        "}\n",
    )
    assert spans == {"tricky": 7}


def test_a_long_function_is_reported(tmp_path):
    body = "".join(f"  step{i}();\n" for i in range(85))
    path = tmp_path / "long.js"
    path.write_text(f"function long() {{\n{body}}}\n", encoding="utf-8")
    assert lengths.main([str(path), "--max", "80"]) == 1
    assert lengths.main([str(path), "--max", "87"]) == 0
