using System.Globalization;
using System.Net;

namespace PeimsRules.Cli.Report;

/// <summary>
/// A small HTML writer: every text and attribute value goes through <see cref="WebUtility.HtmlEncode(string)"/>. It writes
/// as it goes into a <see cref="TextWriter"/> (a report page goes straight to its file, never held whole in memory), or
/// into a string read with <see cref="ToString"/>.
/// </summary>
internal sealed class Html
{
    private readonly TextWriter _out;

    /// <summary>An HTML writer into a string: <see cref="ToString"/> gives what was written.</summary>
    public Html()
        : this(new StringWriter(CultureInfo.InvariantCulture))
    {
    }

    /// <summary>An HTML writer into <paramref name="writer"/>, which the caller flushes and disposes.</summary>
    public Html(TextWriter writer) => _out = writer;

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public Html Raw(string markup)
    {
        _out.Write(markup);
        return this;
    }

    public Html Text(string? text)
    {
        WebUtility.HtmlEncode(text ?? string.Empty, _out);
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
        _out.Write('<');
        _out.Write(tag);
        foreach (var (name, value) in attributes)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _out.Write(' ');
                _out.Write(name);
                _out.Write("=\"");
                WebUtility.HtmlEncode(value, _out);
                _out.Write('"');
            }
        }

        _out.Write('>');
        return this;
    }

    public Html Close(string tag)
    {
        _out.Write("</");
        _out.Write(tag);
        _out.Write('>');
        return this;
    }

    /// <summary>
    /// An accessible table: a caption, column headers with scope, and (by default) each row's first cell as its row
    /// header. Cells are text, with an optional in-page link and mark.
    /// </summary>
    public Html Table(string caption, IEnumerable<string> header, IEnumerable<IEnumerable<Cell>> rows, bool rowHeaders = true, string? id = null)
    {
        Open("table", ("id", id));
        Element("caption", caption);
        Open("thead").Open("tr");
        foreach (var h in header)
        {
            Element("th", h, ("scope", "col"));
        }

        Close("tr").Close("thead").Open("tbody");
        foreach (var row in rows)
        {
            Open("tr");
            var first = true;
            foreach (var cell in row)
            {
                var tag = first && rowHeaders ? "th" : "td";
                Open(tag, first && rowHeaders ? [("scope", "row"), .. cell.Attributes] : cell.Attributes);
                CellContent(cell);
                Close(tag);
                first = false;
            }

            Close("tr");
        }

        return Close("tbody").Close("table");
    }

    /// <summary>A table row of cells, for tables written row by row (rows with their own id or class).</summary>
    public Html Row(IEnumerable<Cell> cells, params (string Name, string? Value)[] attributes)
    {
        Open("tr", attributes);
        foreach (var cell in cells)
        {
            Open("td", cell.Attributes);
            CellContent(cell);
            Close("td");
        }

        return Close("tr");
    }

    private void CellContent(Cell cell)
    {
        if (cell.Anchor is not null)
        {
            Open("span", ("id", cell.Anchor)).Close("span");
        }

        if (cell.Href is null)
        {
            Text(cell.Text);
        }
        else
        {
            Element("a", cell.Text, ("href", cell.Href));
        }

        if (cell.Mark is not null)
        {
            Element("span", cell.Mark, ("class", "mark"), ("title", cell.MarkTitle));
        }
    }

    /// <summary>An id safe in an attribute and a fragment: letters, digits and hyphens, anything else as an underscore.</summary>
    public static string Id(params string?[] parts)
    {
        var length = -1;
        foreach (var part in parts)
        {
            if (!string.IsNullOrEmpty(part))
            {
                length += part.Length + 1;
            }
        }

        return length <= 0 ? string.Empty : string.Create(length, parts, static (span, parts) =>
        {
            var at = 0;
            foreach (var part in parts)
            {
                if (string.IsNullOrEmpty(part))
                {
                    continue;
                }

                if (at > 0)
                {
                    span[at++] = '-';
                }

                foreach (var c in part)
                {
                    span[at++] = char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_';
                }
            }
        });
    }

    /// <summary>What was written, for an HTML writer into a string (<see cref="Html()"/>).</summary>
    public override string ToString() => _out.ToString() ?? string.Empty;

    internal sealed record Cell(string? Text, params (string Name, string? Value)[] Attributes)
    {
        /// <summary>An in-page link (#id) the cell's text goes to.</summary>
        public string? Href { get; init; }

        /// <summary>A mark after the text (the heatmap's ▼ and ▲), with its meaning as a title.</summary>
        public string? Mark { get; init; }

        public string? MarkTitle { get; init; }

        /// <summary>An id placed at the start of the cell, for links to it.</summary>
        public string? Anchor { get; init; }

        public static implicit operator Cell(string? text) => new(text);

        public static Cell Number(string? text, string? css = null, params (string Name, string? Value)[] data) =>
            new(text, [("class", string.IsNullOrEmpty(css) ? "num" : "num " + css), .. data]);
    }
}
