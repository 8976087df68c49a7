// Infohus start-up. Every script is a static file: the CSP allows no inline script or style.
(function () {
  'use strict';

  var DKFDS = window.DKFDS;
  if (!DKFDS) { return; }

  // The whole page once: header navigation, mobile drawer, overflow menus, error summary …
  DKFDS.init();

  // Content swapped in by htmx: initialise the components inside it only. (DKFDS.init()
  // would also re-initialise the header navigation, which must happen once per page.)
  function initFragment(scope) {
    var each = function (selector, make) {
      if (scope.matches && scope.matches(selector)) { make(scope); }
      var elements = scope.querySelectorAll(selector);
      for (var i = 0; i < elements.length; i++) { make(elements[i]); }
    };
    each('.accordion, .accordion-bordered', function (el) { new DKFDS.Accordion(el).init(); });
    each('.alert.has-close', function (el) { new DKFDS.Alert(el).init(); });
    each('.form-limit', function (el) { new DKFDS.CharacterLimit(el).init(); });
    each('.js-checkbox-toggle-content', function (el) { new DKFDS.CheckboxToggleContent(el).init(); });
    each('.js-radio-toggle-group', function (el) { new DKFDS.RadioToggleGroup(el).init(); });
    each('.js-dropdown', function (el) { new DKFDS.Dropdown(el).init(); });
    each('div.tab-container', function (el) { new DKFDS.Tabs(el).init(); });
    each('.tooltip-wrapper', function (el) { new DKFDS.Tooltip(el).init(); });
    each('table.table--selectable', function (el) { new DKFDS.TableSelectableRows(el).init(); });
    each('[data-module="error-summary"]', function (el) { new DKFDS.ErrorSummary(el).init(); });
  }

  document.addEventListener('htmx:load', function (event) {
    // htmx fires htmx:load for the body at start-up too; that is covered by DKFDS.init().
    if (event.target !== document.body) { initFragment(event.target); }
  });
})();
