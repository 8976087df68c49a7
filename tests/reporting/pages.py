"""A small HTML reader for asserting on rendered pages."""

from __future__ import annotations

from html.parser import HTMLParser


class Page(HTMLParser):
    """Just enough of a rendered page to assert on: elements with their attributes, the
    text of <main>, and the links in it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.main_text: list[str] = []
        self.main_links: list[str] = []
        self._in_main = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "main":
            self._in_main += 1
        elif tag == "a" and self._in_main and attributes.get("href"):
            self.main_links.append(str(attributes["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main -= 1

    def handle_data(self, data: str) -> None:
        if self._in_main and data.strip():
            self.main_text.append(" ".join(data.split()))

    @property
    def text(self) -> str:
        return " ".join(self.main_text)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        """Elements named ``tag`` whose attributes include ``attrs`` (class_ for class)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [
            a
            for t, a in self.elements
            if t == tag and all(a.get(k) == v for k, v in wanted.items())
        ]
