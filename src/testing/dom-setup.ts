// happy-dom gives <wbr> no computed display, so dom-accessibility-api takes it for a block and
// puts a space into accessible names ("octo/ widgets"). Browsers lay <wbr> out inline and name
// "octo/widgets"; this gives the test DOM the browsers' default, and changes nothing else.
if (typeof document !== 'undefined') {
  const style = document.createElement('style');
  style.textContent = 'wbr { display: inline; }';
  document.head.append(style);
}
