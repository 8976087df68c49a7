// Infohus start-up: initialise DKFDS components. No inline scripts anywhere (strict CSP).
if (window.DKFDS) { window.DKFDS.init(); }
