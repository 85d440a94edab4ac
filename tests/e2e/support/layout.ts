// Layout checks for the shell: a label is "cut" when its text does not fit the box that
// shows it (clipped or spilling out), or when a fixed part of the frame (header, navigation,
// softphone column) is wider than the window gives it.
import { type Page } from '@playwright/test';

export async function cutLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} “${(el.textContent ?? '').trim().slice(0, 60)}”`;
    for (const selector of ['.sapa-header', '.sapa-nav', '.sapa-side', '.sapa-main']) {
      const frame = document.querySelector(selector);
      if (frame && frame.scrollWidth > frame.clientWidth + 1) problems.push(`${selector} is ${frame.scrollWidth - frame.clientWidth}px too wide`);
    }
    const labels = document.querySelectorAll(
      'header *, .sapa-nav a, button, [role="tab"], .mantine-Badge-label, .mantine-Button-label, label, h1, h2, h3, h4, th');
    for (const el of labels) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Inside a horizontally scrolling table the text is reachable by scrolling, not cut.
      if (el.closest('.mantine-ScrollArea-root, .mantine-Table-scrollContainer, [data-scroll-container]')) continue;
      if (box.bottom < 0 || box.top > window.innerHeight) continue;
      const style = getComputedStyle(el);
      if (style.display === 'inline') continue;
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${describe(el)} overflows by ${el.scrollWidth - el.clientWidth}px`);
      if (box.right > window.innerWidth + 1) problems.push(`${describe(el)} ends ${Math.round(box.right - window.innerWidth)}px past the window`);
    }
    // A placeholder is the field's hint: it must be readable whole in an empty field.
    const ruler = document.createElement('canvas').getContext('2d');
    for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (input.value !== '' || !ruler || input.getBoundingClientRect().width === 0) continue;
      const style = getComputedStyle(input);
      ruler.font = style.font;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const need = ruler.measureText(input.placeholder).width;
      if (need > room + 1) problems.push(`placeholder “${input.placeholder}” needs ${Math.ceil(need - room)}px more`);
    }
    return problems;
  });
}

export const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;
