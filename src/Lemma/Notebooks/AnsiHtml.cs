using System.Net;
using System.Text;

namespace Lemma.Notebooks;

/// <summary>
/// Terminal text with ANSI SGR escapes (tracebacks, coloured logs) to escaped HTML: the 16 colours as classes
/// <c>ansi-red-fg</c> / <c>ansi-red-bg</c> (bright ones <c>ansi-bright-red-fg</c>), bold as <c>ansi-bold</c>,
/// 256 and 24-bit colours as inline styles. Other escape sequences are dropped.
/// </summary>
public static class AnsiHtml
{
    private static readonly string[] Names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];

    public static string Convert(string text)
    {
        var html = new StringBuilder(text.Length + 32);
        var state = new State();
        var open = false;
        var i = 0;
        while (i < text.Length)
        {
            var esc = text.IndexOf('\u001b', i);
            var end = esc < 0 ? text.Length : esc;
            if (end > i)
            {
                if (!open && !state.IsPlain) { html.Append(state.OpenTag()); open = true; }
                html.Append(WebUtility.HtmlEncode(text[i..end]));
            }
            if (esc < 0) break;
            // CSI: ESC [ parameters final-byte. Only 'm' (SGR) changes the style.
            if (esc + 1 < text.Length && text[esc + 1] == '[')
            {
                var j = esc + 2;
                while (j < text.Length && (char.IsAsciiDigit(text[j]) || text[j] == ';' || text[j] == ':' || text[j] == '?')) j++;
                if (j < text.Length && text[j] == 'm')
                {
                    var next = state.Apply(text[(esc + 2)..j]);
                    if (!next.Equals(state))
                    {
                        if (open) { html.Append("</span>"); open = false; }
                        state = next;
                    }
                }
                i = System.Math.Min(j + 1, text.Length);
            }
            else if (esc + 1 < text.Length && text[esc + 1] == ']')
            {
                // OSC (hyperlinks, titles): up to BEL or ESC \.
                var bel = text.IndexOf('\u0007', esc);
                var st = text.IndexOf("\u001b\\", esc + 1, StringComparison.Ordinal);
                var stop = bel < 0 ? st : st < 0 ? bel : System.Math.Min(bel, st);
                i = stop < 0 ? text.Length : stop + (stop == st ? 2 : 1);
            }
            else i = esc + 2;
        }
        if (open) html.Append("</span>");
        return html.ToString();
    }

    private readonly record struct State(string? Fg, string? Bg, bool Bold, bool Underline)
    {
        public bool IsPlain => Fg is null && Bg is null && !Bold && !Underline;

        public State Apply(string parameters)
        {
            var codes = parameters.Length == 0 ? [0] : parameters.Split(';', ':').Select(p => int.TryParse(p, out var n) ? n : 0).ToArray();
            var s = this;
            for (var k = 0; k < codes.Length; k++)
            {
                var c = codes[k];
                switch (c)
                {
                    case 0: s = default; break;
                    case 1: s = s with { Bold = true }; break;
                    case 22: s = s with { Bold = false }; break;
                    case 4: s = s with { Underline = true }; break;
                    case 24: s = s with { Underline = false }; break;
                    case >= 30 and <= 37: s = s with { Fg = "c:ansi-" + Names[c - 30] }; break;
                    case >= 90 and <= 97: s = s with { Fg = "c:ansi-bright-" + Names[c - 90] }; break;
                    case 39: s = s with { Fg = null }; break;
                    case >= 40 and <= 47: s = s with { Bg = "c:ansi-" + Names[c - 40] }; break;
                    case >= 100 and <= 107: s = s with { Bg = "c:ansi-bright-" + Names[c - 100] }; break;
                    case 49: s = s with { Bg = null }; break;
                    case 38 or 48:
                        var colour = Extended(codes, ref k);
                        s = c == 38 ? s with { Fg = colour } : s with { Bg = colour };
                        break;
                }
            }
            return s;
        }

        /// <summary>38;5;n or 38;2;r;g;b: a class for the 16 base colours, else "s:#rrggbb".</summary>
        private static string? Extended(int[] codes, ref int k)
        {
            if (k + 2 < codes.Length && codes[k + 1] == 5)
            {
                var n = codes[k + 2];
                k += 2;
                if (n < 8) return "c:ansi-" + Names[n];
                if (n < 16) return "c:ansi-bright-" + Names[n - 8];
                if (n < 232)
                {
                    int[] levels = [0, 95, 135, 175, 215, 255];
                    var v = n - 16;
                    return $"s:#{levels[v / 36]:x2}{levels[v / 6 % 6]:x2}{levels[v % 6]:x2}";
                }
                var grey = 8 + (n - 232) * 10;
                return $"s:#{grey:x2}{grey:x2}{grey:x2}";
            }
            if (k + 4 < codes.Length && codes[k + 1] == 2)
            {
                var (r, g, b) = (System.Math.Clamp(codes[k + 2], 0, 255), System.Math.Clamp(codes[k + 3], 0, 255), System.Math.Clamp(codes[k + 4], 0, 255));
                k += 4;
                return $"s:#{r:x2}{g:x2}{b:x2}";
            }
            return null;
        }

        public string OpenTag()
        {
            var classes = new List<string>();
            var styles = new List<string>();
            if (Fg is { } fg) { if (fg.StartsWith("c:", StringComparison.Ordinal)) classes.Add(fg[2..] + "-fg"); else styles.Add("color:" + fg[2..]); }
            if (Bg is { } bg) { if (bg.StartsWith("c:", StringComparison.Ordinal)) classes.Add(bg[2..] + "-bg"); else styles.Add("background-color:" + bg[2..]); }
            if (Bold) classes.Add("ansi-bold");
            if (Underline) classes.Add("ansi-underline");
            var tag = new StringBuilder("<span");
            if (classes.Count > 0) tag.Append(" class=\"").Append(string.Join(' ', classes)).Append('"');
            if (styles.Count > 0) tag.Append(" style=\"").Append(string.Join(';', styles)).Append('"');
            return tag.Append('>').ToString();
        }
    }
}
