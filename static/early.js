// Runs before the body is painted (a classic script in <head>, allowed by the CSP as 'self' and
// loaded with Subresource Integrity). The first screen in the HTML is the default plan
// (prerendered at build time); a link's plan is in the URL fragment, which no build step can see.
// - Opened from a link: mark the document, so CSS hides the prerendered numbers and field values
//   (placeholders keep the layout) until the app has mounted and shows the link's own plan; and
//   with the link's AZ count (az=1 to 6; anything else is left to the app), so CSS shows no more
//   placeholder AZ rows than the link's plan has.
// - If the app cannot start (WebAssembly missing, a script or the wasm blocked or failing its
//   integrity check) while the prerendered screen is still there, mark the document, so CSS shows
//   the one-line note that the calculator needs WebAssembly.
(function (d) {
  var c = d.documentElement.classList;
  var h = location.hash, az = /[#&]az=([1-6])(?:&|$)/.exec(h);
  if (h.length > 1) c.add('from-link');
  if (az) d.documentElement.setAttribute('data-link-azs', az[1]);
  function failed() { if (d.getElementById('prerendered')) c.add('no-wasm'); }
  if (typeof WebAssembly !== 'object') c.add('no-wasm');
  addEventListener('error', failed, true);
  addEventListener('unhandledrejection', failed);
})(document);
