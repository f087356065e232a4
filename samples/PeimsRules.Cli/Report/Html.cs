using System.Net;
using System.Text;

namespace PeimsRules.Cli.Report;

/// <summary>A small HTML writer: every text and attribute value goes through <see cref="WebUtility.HtmlEncode"/>.</summary>
internal sealed class Html
{
    private readonly StringBuilder _out = new();

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public Html Raw(string markup)
    {
        _out.Append(markup);
        return this;
    }

    public Html Text(string? text)
    {
        _out.Append(Encode(text));
        return this;
    }

    public Html Element(string tag, string? text, params (string Name, string? Value)[] attributes)
    {
        Open(tag, attributes);
        Text(text);
        return Close(tag);
    }

    public Html Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _out.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _out.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');
            }
        }

        _out.Append('>');
        return this;
    }

    public Html Close(string tag)
    {
        _out.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A table: a header row, then rows of cells (text, attributes).</summary>
    public Html Table(IEnumerable<string> header, IEnumerable<IEnumerable<Cell>> rows, string? caption = null)
    {
        Open("table");
        if (caption is not null)
        {
            Element("caption", caption);
        }

        Open("thead").Open("tr");
        foreach (var h in header)
        {
            Element("th", h);
        }

        Close("tr").Close("thead").Open("tbody");
        foreach (var row in rows)
        {
            Open("tr");
            foreach (var cell in row)
            {
                Element("td", cell.Text, cell.Attributes);
            }

            Close("tr");
        }

        return Close("tbody").Close("table");
    }

    public override string ToString() => _out.ToString();

    internal sealed record Cell(string? Text, params (string Name, string? Value)[] Attributes)
    {
        public static implicit operator Cell(string? text) => new(text);

        public static Cell Number(string? text, string? css = null, params (string Name, string? Value)[] data) =>
            new(text, [("class", string.IsNullOrEmpty(css) ? "num" : "num " + css), .. data]);
    }
}
