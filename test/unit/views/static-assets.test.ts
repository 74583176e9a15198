import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticAssetsDir } from '../../../views/common/static-assets.ts';

describe('static assets', () => {
  it('points at the views/static directory holding the CSS and the auto-post script', () => {
    expect(path.isAbsolute(staticAssetsDir)).toBe(true);
    expect(readdirSync(staticAssetsDir).sort()).toEqual([
      'app-checkout.css',
      'app-sdk',
      'app-sdk.js',
      'auto-post.js',
      'bank-app.css',
      'bank-app.js',
      'challenge-focus.js',
      'challenge-images',
      'challenge.css',
      'console-bank-app.css',
      'console-inbox.js',
      'console.css',
      'demo-notify.js',
      'demo.css',
      'demo.js',
      'oob-poll.js',
      'sandbox.css',
    ]);
  });

  it('loads no external fonts, images or imports', () => {
    for (const file of ['challenge.css', 'sandbox.css']) {
      const css = readFileSync(path.join(staticAssetsDir, file), 'utf8');
      expect(css).not.toMatch(/url\(|@import|@font-face/);
    }
  });

  it('lays the challenge window out by the real viewport, with a visible focus ring', () => {
    const css = readFileSync(path.join(staticAssetsDir, 'challenge.css'), 'utf8');
    // Requestors frame the declared sizes at other sizes (400x250 for 01): the scale follows the viewport.
    expect(css).toContain('@media (max-width: 300px), (max-height: 340px)');
    expect(css).toContain('@media (max-width: 440px), (max-height: 540px)');
    expect(css).toContain('.size-05');
    expect(css).toMatch(/:focus-visible\s*\{\s*outline: 3px solid/);
  });

  it('focuses the marked element only where a frame may take focus', () => {
    const script = readFileSync(path.join(staticAssetsDir, 'challenge-focus.js'), 'utf8');
    expect(script).toContain("document.querySelector('[data-autofocus]')");
    expect(script).toContain('window.self === window.top || window.frameElement !== null');
    expect(script).toContain('preventScroll: true');
  });

  it('submits only the marked auto-post form', () => {
    const script = readFileSync(path.join(staticAssetsDir, 'auto-post.js'), 'utf8');
    expect(script).toContain("document.querySelector('form[data-auto-post]')");
    expect(script).toContain('form.submit()');
  });
});
