"""List the JavaScript functions of static/js that are longer than a limit (80 lines by default).

    .venv/bin/python scripts/js_function_lengths.py [--max 80] [--all] [paths...]

It tokenises each file (comments, strings, template literals with nested `${}`, regular
expression literals) and finds every function by its syntax: `function` declarations and
expressions, arrow functions (block or expression body) and methods `name(...) {`. A function's
length counts the lines from its first token to its last, nested functions included. Exits 1
when a function is over the limit, so that a test can run it.
"""

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "static" / "js"
PUNCTUATORS = sorted(
    [
        ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
        "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=",
        "/=", "%=", "&=", "|=", "^=", "<<", ">>", "**",
        "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%", "&", "|",
        "^", "!", "~", "?", ":", "=", ".", "@", "#",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
# After these keywords a slash starts a regular expression, not a division.
REGEX_AFTER_WORDS = {
    *("return", "typeof", "instanceof", "in", "of", "new", "delete", "void"),
    *("throw", "case", "do", "else", "yield", "await"),
}
NOT_METHODS = {"if", "for", "while", "switch", "catch", "function", "with", "return", "typeof"}
IDENT = re.compile(r"[A-Za-z_$][\w$]*")
NUMBER = re.compile(
    r"(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)n?"
)
OPENING = {"(": ")", "[": "]", "{": "}"}


@dataclass
class Token:
    """One token: its kind (name, num, str, template, regex, punct) and text, and its line."""

    kind: str
    text: str
    line: int


@dataclass
class Function:
    """A function found in a file: its name (or a placeholder) and its first and last lines."""

    path: Path
    name: str
    start: int
    end: int

    @property
    def lines(self) -> int:
        """How many lines it spans."""
        return self.end - self.start + 1


class Lexer:
    """A JavaScript tokeniser good enough to find where every function starts and ends."""

    def __init__(self, source: str):
        self.src = source
        self.pos = 0
        self.line = 1
        self.tokens: list[Token] = []
        self.braces: list[str] = []  # "{" for a block, "${" for a template substitution

    def _advance(self, n: int) -> str:
        text = self.src[self.pos : self.pos + n]
        self.line += text.count("\n")
        self.pos += n
        return text

    def _regex_allowed(self) -> bool:
        if not self.tokens:
            return True
        last = self.tokens[-1]
        if last.kind in ("num", "str", "template", "regex"):
            return False
        if last.kind == "name":
            return last.text in REGEX_AFTER_WORDS
        return last.text not in (")", "]", "}")

    def _string(self, quote: str) -> None:
        start, line, i = self.pos, self.line, self.pos + 1
        while self.src[i] != quote:
            i += 2 if self.src[i] == "\\" else 1
        self._advance(i + 1 - start)
        self.tokens.append(Token("str", self.src[start : i + 1], line))

    def _template(self) -> None:
        """From a backtick or a `}` closing a substitution, up to the next `${` or backtick."""
        line, i = self.line, self.pos + 1
        while True:
            char = self.src[i]
            if char == "\\":
                i += 2
            elif char == "`":
                self._advance(i + 1 - self.pos)
                break
            elif self.src.startswith("${", i):
                self._advance(i + 2 - self.pos)
                self.braces.append("${")
                break
            else:
                i += 1
        self.tokens.append(Token("template", "`", line))

    def _regex(self) -> None:
        start, line, i, in_class = self.pos, self.line, self.pos + 1, False
        while True:
            char = self.src[i]
            if char == "\\":
                i += 2
                continue
            if char == "[":
                in_class = True
            elif char == "]":
                in_class = False
            elif char == "/" and not in_class:
                break
            elif char == "\n":
                raise SyntaxError(f"line {line}: unterminated regular expression")
            i += 1
        i += 1
        while i < len(self.src) and (self.src[i].isalnum() or self.src[i] == "_"):
            i += 1
        self._advance(i - start)
        self.tokens.append(Token("regex", self.src[start:i], line))

    def _punct(self) -> None:
        line = self.line
        for punct in PUNCTUATORS:
            if self.src.startswith(punct, self.pos):
                break
        else:
            raise SyntaxError(f"line {line}: unexpected character {self.src[self.pos]!r}")
        if punct == "}" and self.braces and self.braces[-1] == "${":
            self.braces.pop()
            self._template()
            return
        if punct == "{":
            self.braces.append("{")
        elif punct == "}" and self.braces:
            self.braces.pop()
        self._advance(len(punct))
        self.tokens.append(Token("punct", punct, line))

    def run(self) -> list[Token]:
        """Every token of the source, in order."""
        src = self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char.isspace():
                self._advance(1)
            elif src.startswith("//", self.pos):
                end = src.find("\n", self.pos)
                self._advance((len(src) if end < 0 else end) - self.pos)
            elif src.startswith("/*", self.pos):
                self._advance(src.index("*/", self.pos) + 2 - self.pos)
            elif char in "'\"":
                self._string(char)
            elif char == "`":
                self._template()
            elif char == "/" and self._regex_allowed():
                self._regex()
            elif match := IDENT.match(src, self.pos):
                self.tokens.append(Token("name", match.group(), self.line))
                self._advance(len(match.group()))
            elif (match := NUMBER.match(src, self.pos)) and match.group():
                self.tokens.append(Token("num", match.group(), self.line))
                self._advance(len(match.group()))
            else:
                self._punct()
        return self.tokens


def _matching(tokens: list[Token], index: int) -> int:
    """Index of the bracket that closes the one at `index`."""
    opener, depth = tokens[index].text, 0
    for i in range(index, len(tokens)):
        text = tokens[i].text if tokens[i].kind == "punct" else ""
        if text in OPENING:
            depth += 1
        elif text in (")", "]", "}"):
            depth -= 1
            if depth == 0:
                return i
    raise SyntaxError(f"line {tokens[index].line}: {opener} is never closed")


def _opening(tokens: list[Token], index: int) -> int:
    """Index of the bracket that opens the one closed at `index`."""
    depth = 0
    for i in range(index, -1, -1):
        text = tokens[i].text if tokens[i].kind == "punct" else ""
        if text in (")", "]", "}"):
            depth += 1
        elif text in OPENING:
            depth -= 1
            if depth == 0:
                return i
    raise SyntaxError(f"line {tokens[index].line}: unbalanced {tokens[index].text}")


def _expression_end(tokens: list[Token], index: int) -> int:
    """Last token of the expression starting at `index` (an arrow function's concise body)."""
    depth, last = 0, index
    for i in range(index, len(tokens)):
        text = tokens[i].text if tokens[i].kind == "punct" else ""
        if text in OPENING:
            depth += 1
        elif text in (")", "]", "}"):
            if depth == 0:
                return last
            depth -= 1
        elif text in (",", ";") and depth == 0:
            return last
        last = i
    return last


def _name_before(tokens: list[Token], index: int) -> str:
    """The name a function is given by `name = ...`, `name: ...` or `const name = ...`."""
    if index >= 2 and tokens[index - 1].text in ("=", ":") and tokens[index - 2].kind == "name":
        return tokens[index - 2].text
    return "(anonymous)"


def functions(path: Path) -> list[Function]:
    """Every function of a JavaScript file with the lines it spans."""
    tokens = Lexer(path.read_text(encoding="utf-8")).run()
    found = []
    for i, token in enumerate(tokens):
        if token.kind == "name" and token.text == "function":
            j = i + 1 + (tokens[i + 1].text == "*")
            name = tokens[j].text if tokens[j].kind == "name" else _name_before(tokens, i)
            params = j + (tokens[j].kind == "name")
            body = _matching(tokens, params) + 1
            found.append(Function(path, name, token.line, tokens[_matching(tokens, body)].line))
        elif token.kind == "punct" and token.text == "=>":
            before = tokens[i - 1]
            start = _opening(tokens, i - 1) if before.text == ")" else i - 1
            if start >= 1 and tokens[start - 1].text == "async":
                start -= 1
            if tokens[i + 1].text == "{":
                end = _matching(tokens, i + 1)
            else:
                end = _expression_end(tokens, i + 1)
            found.append(
                Function(path, _name_before(tokens, start), tokens[start].line, tokens[end].line)
            )
        elif (
            token.kind == "name"
            and token.text not in NOT_METHODS
            and i + 1 < len(tokens)
            and tokens[i + 1].text == "("
            and (i == 0 or tokens[i - 1].text not in (".", "function", "?."))
        ):
            close = _matching(tokens, i + 1)
            if (
                close + 1 < len(tokens)
                and tokens[close + 1].text == "{"
                and tokens[i - 1].text in ("{", "}", ";", ",", "async", "get", "set", "static")
            ):
                end = _matching(tokens, close + 1)
                found.append(Function(path, token.text, token.line, tokens[end].line))
    return found


def main(argv: list[str] | None = None) -> int:
    """Print the functions over the limit (or all with --all); 1 if any is over it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=sorted(DEFAULT_DIR.glob("**/*.js")))
    parser.add_argument(
        "--max", type=int, default=80, help="the longest a function may be, in lines"
    )
    parser.add_argument("--all", action="store_true", help="list every function, longest first")
    args = parser.parse_args(argv)
    found = [f for path in args.paths for f in functions(path)]
    too_long = [f for f in found if f.lines > args.max]
    shown = sorted(found if args.all else too_long, key=lambda f: -f.lines)
    for f in shown:
        where = f.path.relative_to(ROOT) if f.path.is_relative_to(ROOT) else f.path
        print(f"{f.lines:5} {where}:{f.start} {f.name}")
    if too_long:
        print(f"{len(too_long)} function(s) over {args.max} lines", file=sys.stderr)
    return 1 if too_long else 0


if __name__ == "__main__":
    sys.exit(main())
