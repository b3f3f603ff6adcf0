using System.Text;

namespace Lemma.Math;

/// <summary>The math alphabets of TeX font commands. MathML Core has no mathvariant other than "normal",
/// so styled letters are written as the Unicode Mathematical Alphanumeric Symbols.</summary>
internal enum MathFont
{
    None, Roman, Bold, Italic, BoldItalic, Sans, SansBold, SansItalic, Mono, Script, BoldScript, Fraktur,
    BoldFraktur, DoubleStruck,
}

internal static class Fonts
{
    // Start of A, start of a, start of 0 (or -1), start of capital Alpha (or -1) in each alphabet.
    static (int Upper, int Lower, int Digit, int Greek) Starts(MathFont f) => f switch
    {
        MathFont.Bold => (0x1D400, 0x1D41A, 0x1D7CE, 0x1D6A8),
        MathFont.Italic => (0x1D434, 0x1D44E, -1, 0x1D6E2),
        MathFont.BoldItalic => (0x1D468, 0x1D482, 0x1D7CE, 0x1D71C),
        MathFont.Script => (0x1D49C, 0x1D4B6, -1, -1),
        MathFont.BoldScript => (0x1D4D0, 0x1D4EA, 0x1D7CE, -1),
        MathFont.Fraktur => (0x1D504, 0x1D51E, -1, -1),
        MathFont.DoubleStruck => (0x1D538, 0x1D552, 0x1D7D8, -1),
        MathFont.BoldFraktur => (0x1D56C, 0x1D586, 0x1D7CE, -1),
        MathFont.Sans => (0x1D5A0, 0x1D5BA, 0x1D7E2, -1),
        MathFont.SansBold => (0x1D5D4, 0x1D5EE, 0x1D7EC, 0x1D756),
        MathFont.SansItalic => (0x1D608, 0x1D622, 0x1D7E2, -1),
        MathFont.Mono => (0x1D670, 0x1D68A, 0x1D7F6, -1),
        _ => (-1, -1, -1, -1),
    };

    // Letters that Unicode encoded earlier, in the Letterlike Symbols block, leaving holes in the alphabets.
    static readonly Dictionary<(MathFont, char), int> Holes = new()
    {
        [(MathFont.Italic, 'h')] = 0x210E,
        [(MathFont.Script, 'B')] = 0x212C, [(MathFont.Script, 'E')] = 0x2130, [(MathFont.Script, 'F')] = 0x2131,
        [(MathFont.Script, 'H')] = 0x210B, [(MathFont.Script, 'I')] = 0x2110, [(MathFont.Script, 'L')] = 0x2112,
        [(MathFont.Script, 'M')] = 0x2133, [(MathFont.Script, 'R')] = 0x211B, [(MathFont.Script, 'e')] = 0x212F,
        [(MathFont.Script, 'g')] = 0x210A, [(MathFont.Script, 'o')] = 0x2134,
        [(MathFont.Fraktur, 'C')] = 0x212D, [(MathFont.Fraktur, 'H')] = 0x210C, [(MathFont.Fraktur, 'I')] = 0x2111,
        [(MathFont.Fraktur, 'R')] = 0x211C, [(MathFont.Fraktur, 'Z')] = 0x2128,
        [(MathFont.DoubleStruck, 'C')] = 0x2102, [(MathFont.DoubleStruck, 'H')] = 0x210D,
        [(MathFont.DoubleStruck, 'N')] = 0x2115, [(MathFont.DoubleStruck, 'P')] = 0x2119,
        [(MathFont.DoubleStruck, 'Q')] = 0x211A, [(MathFont.DoubleStruck, 'R')] = 0x211D,
        [(MathFont.DoubleStruck, 'Z')] = 0x2124,
    };

    // Order of the Greek part of each alphabet after the 25 capitals (Α..Ω with ϴ in the hole) and ∇.
    const string GreekTail = "∂ϵϑϰϕϱϖ";

    /// <summary>Maps one code point to its styled form; returns false when the alphabet has no such letter.</summary>
    public static bool TryMap(int cp, MathFont font, out string mapped)
    {
        mapped = "";
        if (font is MathFont.None or MathFont.Roman) return false;
        var (upper, lower, digit, greek) = Starts(font);
        int result = -1;
        if (cp is >= 'A' and <= 'Z' || cp is >= 'a' and <= 'z')
        {
            if (Holes.TryGetValue((font, (char)cp), out var hole)) result = hole;
            else result = cp <= 'Z' ? upper + (cp - 'A') : lower + (cp - 'a');
        }
        else if (cp is >= '0' and <= '9' && digit >= 0) result = digit + (cp - '0');
        else if (greek >= 0)
        {
            if (cp is >= 0x391 and <= 0x3A9) result = greek + (cp - 0x391);
            else if (cp == 0x3F4) result = greek + 0x11;
            else if (cp == 0x2207) result = greek + 0x19;
            else if (cp is >= 0x3B1 and <= 0x3C9) result = greek + 0x1A + (cp - 0x3B1);
            else
            {
                int i = GreekTail.IndexOf((char)cp);
                if (i >= 0) result = greek + 0x33 + i;
            }
        }
        if (result < 0) return false;
        mapped = char.ConvertFromUtf32(result);
        return true;
    }

    /// <summary>Mapped single characters below U+0400 (Latin, digits, Greek), per font, filled on first use: most
    /// font commands apply to one letter (\mathbb{R}, \boldsymbol{x}). Racing threads store equal strings.</summary>
    static readonly string?[]?[] Single = new string?[]?[(int)Enum.GetValues<MathFont>().Max() + 1];

    public static string Map(string text, MathFont font)
    {
        if (font is MathFont.None or MathFont.Roman) return text;
        if (text.Length == 1 && text[0] < 0x400)
        {
            var row = Single[(int)font] ??= new string?[0x400];
            return row[text[0]] ??= MapText(text, font);
        }
        return MapText(text, font);
    }

    static string MapText(string text, MathFont font)
    {
        var sb = new StringBuilder(text.Length * 2);
        for (int i = 0; i < text.Length; i++)
        {
            int cp = CodePointAt(text, i, out int width);
            i += width - 1;
            // \boldsymbol keeps capital Greek upright, as TeX's bold math italic does.
            var f = font == MathFont.BoldItalic && cp is >= 0x391 and <= 0x3A9 ? MathFont.Bold : font;
            if (TryMap(cp, f, out var m)) sb.Append(m);
            else sb.Append(char.ConvertFromUtf32(cp));
        }
        return sb.ToString();
    }

    public static int CodePointAt(string s, int i, out int width)
    {
        if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(s[i], s[i + 1]);
        }
        width = 1;
        return char.IsSurrogate(s[i]) ? 0xFFFD : s[i];
    }
}
