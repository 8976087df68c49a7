"""URLs of the API. The API authenticates every request itself (bearer tokens), so its
views are exempt from the site's login redirect: an integration without a token gets
a 401 problem, not a redirect to a login page it cannot use."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver

from infohus.api.api import api

_patterns, _app_name, _namespace = api.urls
for _pattern in _patterns:
    if isinstance(_pattern, URLPattern):
        _pattern.callback = login_not_required(_pattern.callback)

app_name = _namespace
urlpatterns: list[URLPattern | URLResolver] = list(_patterns)
