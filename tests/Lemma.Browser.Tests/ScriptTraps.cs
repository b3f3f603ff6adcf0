using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Lemma.Browser.Tests;

/// <summary>The scripts that catch what an XSS vector did on a page, each finding tied to the unit (a notebook cell, a
/// comment) it came from: shared by the notebook and comment tests.</summary>
internal static class ScriptTraps
{
    /// <summary>Installed before any page script: records calls of alert, confirm, prompt, print, open and document.write, and
    /// script a policy refused, with the index of the unit (a notebook cell, a comment) it came from.</summary>
    public static string Trap(string unit) => """
        (() => {
          const hits = [];
          Object.defineProperty(window, '__xss', { value: hits });
          const closest = Element.prototype.closest, select = Document.prototype.querySelectorAll;
          const cellOf = node => {
            const element = node instanceof Element ? node : node instanceof Node ? node.parentElement : null;
            const cell = element ? closest.call(element, 'UNIT') : null;
            return cell ? Array.prototype.indexOf.call(select.call(document, 'UNIT'), cell) : -1;
          };
          const record = what => {
            let cell = -1;
            try { cell = cellOf(document.currentScript || (window.event && window.event.target)); } catch (e) {}
            hits.push({ what: String(what).slice(0, 160), cell, frame: String(location.href).slice(0, 80) });
          };
          const hook = (owner, name) => {
            try {
              Object.defineProperty(owner, name, {
                value: function (...args) { record(name + '(' + args.map(a => { try { return String(a); } catch (e) { return '?'; } }).join(', ') + ')'); },
                writable: true, configurable: true,
              });
            } catch (e) {}
          };
          // Not eval: Playwright evaluates through it. What a vector evals still has to call one of these to show.
          for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) hook(window, name);
          hook(Document.prototype, 'write');
          hook(Document.prototype, 'writeln');
          // Under the <meta> policy a surviving inline script is refused rather than run: still the sanitizer's miss.
          document.addEventListener('securitypolicyviolation', e => {
            if (!/^(img|media|font)-src/.test(e.effectiveDirective)) record('policy refused ' + e.effectiveDirective + ' ' + e.blockedURI);
          });
        })();
        """.Replace("UNIT", unit, StringComparison.Ordinal);

    // Anything left in a cell that could run script or take the page elsewhere, as [cell, what] pairs. DOM methods are
    // taken from the prototypes: markup that got through can shadow them (<input name=attributes> inside a <form>).
    public static string Leftovers(string unit) => """
        () => {
          const found = [];
          const all = (root, selector) => [...Element.prototype.querySelectorAll.call(root, selector)];
          const tagOf = Object.getOwnPropertyDescriptor(Element.prototype, 'localName').get;
          const forbidden = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link',
            'style', 'svg', 'form', 'noscript', 'portal', 'template', 'annotation-xml']);
          const urls = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background', 'srcset', 'ping', 'lowsrc', 'dynsrc']);
          all(document.documentElement, 'UNIT').forEach((cell, index) => {
            for (const element of all(cell, '*')) {
              const tag = tagOf.call(element);
              if (forbidden.has(tag)) found.push([index, '<' + tag + '>']);
              for (const name of Element.prototype.getAttributeNames.call(element).map(n => n.toLowerCase())) {
                const value = String(Element.prototype.getAttribute.call(element, name)).replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
                if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction') found.push([index, '<' + tag + ' ' + name + '>']);
                else if (urls.has(name) && /^(javascript|vbscript|data):/.test(value) && !(tag === 'img' && name === 'src' && /^data:image\//.test(value)))
                  found.push([index, '<' + tag + ' ' + name + '=' + value.slice(0, 60) + '>']);
              }
            }
          });
          for (const element of all(document.documentElement, 'base, meta[http-equiv]:not([http-equiv="Content-Security-Policy"])'))
            found.push([-1, Object.getOwnPropertyDescriptor(Element.prototype, 'outerHTML').get.call(element).slice(0, 80)]);
          return JSON.stringify(found);
        }
        """.Replace("UNIT", unit, StringComparison.Ordinal);

    /// <summary>Records in <paramref name="problems"/> what a page shows of script that ran: a dialog (dismissed), an uncaught
    /// error, a popup, and a navigation of the page once <paramref name="loaded"/> says it has loaded.</summary>
    public static void Watch(IPage page, ConcurrentQueue<string> problems, Func<bool> loaded)
    {
        page.Dialog += (_, dialog) => { problems.Enqueue($"dialog {dialog.Type}: {dialog.Message}"); _ = dialog.DismissAsync(); };
        page.PageError += (_, error) => problems.Enqueue("uncaught: " + error);
        page.Popup += (_, popup) => problems.Enqueue("popup: " + popup.Url);
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame && loaded()) problems.Enqueue("navigated to " + frame.Url); };
    }

    /// <summary>Adds to <paramref name="problems"/> what <see cref="Trap"/> caught on the page and what <see cref="Leftovers"/>
    /// finds in its units, each named by <paramref name="name"/> (a unit's index), and any frame.</summary>
    public static async Task Collect(IPage page, string unit, Func<int, string> name, ConcurrentQueue<string> problems)
    {
        foreach (var hit in JsonSerializer.Deserialize<JsonElement[]>(await page.EvaluateAsync<string>("() => JSON.stringify(window.__xss || [])"))!)
            problems.Enqueue($"{name(hit.GetProperty("cell").GetInt32())}: ran {hit.GetProperty("what").GetString()}");
        foreach (var left in JsonSerializer.Deserialize<JsonElement[]>(await page.EvaluateAsync<string>(Leftovers(unit)))!)
            problems.Enqueue($"{name(left[0].GetInt32())}: left {left[1].GetString()}");
        foreach (var frame in page.Frames.Where(f => f != page.MainFrame)) problems.Enqueue("a frame: " + frame.Url);
    }
}
