// The one script a company's site embeds:
//   <script src="https://sapa.example.co.id/widget/loader.js" data-lang="id" async></script>
// It draws only the launcher button (in its own shadow root, so the page's styles and ours
// never mix) and loads the widget itself (widget.js, from the same server) when the
// customer opens it — or at once when this browser has a conversation going (a reload).
// data-server overrides the Sapa server's address (default: where this script came from);
// data-lang is "id" (default) or "en"; data-position "right" (default) or "left".
interface SapaWidgetApi { mount(o: { server: string; lang: 'id' | 'en'; host: HTMLElement; launcher: HTMLButtonElement }): void }
declare global { interface Window { SapaWidget?: SapaWidgetApi; __sapaLoader?: boolean } }

(function start() {
  if (window.__sapaLoader) return;
  window.__sapaLoader = true;
  const script = document.currentScript as HTMLScriptElement | null;
  const src = script?.src ?? '';
  const server = (script?.dataset.server ?? new URL(src, location.href).origin).replace(/\/$/, '');
  const lang: 'id' | 'en' = script?.dataset.lang === 'en' ? 'en' : 'id';
  const left = script?.dataset.position === 'left';
  const host = document.createElement('div');
  host.setAttribute('data-sapa-widget', '');
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `:host{all:initial}.l{position:fixed;bottom:16px;${left ? 'left' : 'right'}:16px;z-index:2147483000;font:600 15px/1.2 system-ui,sans-serif;
  background:#0b5cad;color:#fff;border:0;border-radius:24px;padding:12px 18px;min-height:44px;box-shadow:0 2px 8px rgba(0,0,0,.3);cursor:pointer}
  .l:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'l';
  button.textContent = lang === 'en' ? 'Chat with us' : 'Chat dengan kami';
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  root.append(style, button);
  const attach = () => document.body.appendChild(host);
  if (document.body) attach(); else document.addEventListener('DOMContentLoaded', attach);

  let loading = false;
  const load = (open: boolean) => {
    if (window.SapaWidget) { window.SapaWidget.mount({ server, lang, host, launcher: button }); if (open) button.click(); return; }
    if (loading) return;
    loading = true;
    const s = document.createElement('script');
    s.src = `${server}/widget/widget.js`;
    s.async = true;
    s.onload = () => {
      window.SapaWidget?.mount({ server, lang, host, launcher: button });
      if (open) button.click();
    };
    s.onerror = () => { loading = false; };
    document.head.appendChild(s);
  };
  button.addEventListener('click', function first() {
    button.removeEventListener('click', first);
    load(true);
  });
  let going = false;
  try { going = localStorage.getItem(`sapa-chat:${server}`) !== null; } catch { /* storage blocked: no resume */ }
  if (going) {
    // A conversation is going: the widget takes the launcher over and reopens it.
    load(false);
  }
})();

export {};
