// The widget's styles, inside its shadow root. Phone first: full screen below 480 px wide.
export const CSS = `
:host{all:initial}
*{box-sizing:border-box}
.p{position:fixed;bottom:76px;right:16px;width:370px;max-height:min(640px,calc(100vh - 96px));display:flex;flex-direction:column;
 background:#fff;color:#1a1a1a;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;border-radius:12px;
 box-shadow:0 6px 28px rgba(0,0,0,.28);z-index:2147483001;overflow:hidden}
.p[hidden]{display:none}
@media (max-width:480px){.p{inset:0;width:auto;max-height:none;border-radius:0;bottom:0;right:0}}
header{display:flex;align-items:center;gap:8px;background:#0b5cad;color:#fff;padding:10px 12px}
header h2{font-size:16px;margin:0;flex:1}
header select{font:inherit;font-size:13px;border-radius:4px;border:0;padding:2px}
button{font:inherit;cursor:pointer;min-height:40px;border-radius:6px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;padding:6px 14px}
button.s{background:#fff;color:#0b5cad}
button.x{background:transparent;border:0;color:#fff;font-size:22px;line-height:1;min-width:40px}
button:disabled{opacity:.6;cursor:default}
:focus-visible{outline:3px solid #ffbf47;outline-offset:1px}
[role=tablist]{display:flex;border-bottom:1px solid #ddd}
[role=tab]{flex:1;background:#fff;color:#333;border:0;border-bottom:3px solid transparent;border-radius:0}
[role=tab][aria-selected=true]{border-bottom-color:#0b5cad;color:#0b5cad;font-weight:600}
[role=tabpanel]{padding:12px;overflow:auto;flex:1;display:flex;flex-direction:column;gap:8px;min-height:0}
label{display:flex;flex-direction:column;gap:2px;font-size:13px;font-weight:600}
input,textarea,select.f{font:inherit;font-weight:400;border:1px solid #888;border-radius:6px;padding:8px;min-height:40px;width:100%}
textarea{resize:none}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.log{display:flex;flex-direction:column;gap:6px;overflow:auto;flex:1;min-height:120px;padding:2px}
.m{max-width:85%;padding:6px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word}
.m.c{align-self:flex-end;background:#dcebfb}
.m.a{align-self:flex-start;background:#f0f0f0}
.m.y{align-self:center;background:none;color:#555;font-size:13px;font-style:italic}
.m small{display:block;color:#555;font-size:11px}
.st{font-size:13px;color:#333;background:#f6f8fa;border-radius:6px;padding:6px 8px}
.err{color:#a40000;font-size:13px}
.st:empty,.err:empty{display:none}
.row{display:flex;gap:6px;align-items:flex-end}
.row textarea{flex:1}
details{border:1px solid #ddd;border-radius:6px;padding:6px 8px}
summary{cursor:pointer;font-weight:600}
details p{white-space:pre-wrap;margin:6px 0 0}
.faq{display:flex;flex-direction:column;gap:6px}
.ok{background:#e7f6ea;border-radius:6px;padding:8px}
`;
