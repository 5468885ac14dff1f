using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Hub.Reports.Official;

/// <summary>A plain Word document built paragraph by paragraph and table by table, A4 with the margins of an
/// administrative document (Decree 30/2020/NĐ-CP: 20-25 mm top and bottom, 30-35 mm left, 15-20 mm right), Times New
/// Roman 13 pt. The bytes depend only on the content and the given time: every part of the package is stamped with it.</summary>
public sealed class WordDocument
{
    private readonly List<OpenXmlElement> _body = [];

    public WordDocument Title(string text) => Add(Paragraph(text, bold: true, size: 28, center: true));

    public WordDocument Centered(string text, bool italic = false) => Add(Paragraph(text, italic: italic, center: true));

    public WordDocument Heading(string text) => Add(Paragraph(text, bold: true, spaceBefore: 240));

    public WordDocument Text(string text) => Add(Paragraph(text));

    /// <summary>A table with a header row; every cell is text (numbers already formatted as the reader reads them).</summary>
    public WordDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table(new TableProperties(
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        table.Append(Row(headers, header: true));
        foreach (var row in rows) table.Append(Row(row, header: false));
        return Add(table);
    }

    public byte[] ToBytes(DateTimeOffset stampedAt)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body(_body.Select(e => e.CloneNode(true)));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 }, // A4, in twentieths of a point
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 1077, Header = 720, Footer = 720, Gutter = 0 }));
            main.Document = new Document(body);
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman" },
                new FontSize { Val = "26" }, new Languages { Val = "vi-VN" }))));
            document.PackageProperties.Created = stampedAt.UtcDateTime;
            document.PackageProperties.Modified = stampedAt.UtcDateTime;
        }
        return Stamp(buffer.ToArray(), stampedAt);
    }

    /// <summary>The zip entries' times are the writer's clock: set them to the given time, so that the same content
    /// makes the same bytes.</summary>
    private static byte[] Stamp(byte[] package, DateTimeOffset at)
    {
        using var buffer = new MemoryStream();
        buffer.Write(package);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
            foreach (var entry in zip.Entries) entry.LastWriteTime = at.ToUniversalTime();
        return buffer.ToArray();
    }

    private WordDocument Add(OpenXmlElement element)
    {
        _body.Add(element);
        return this;
    }

    private static Paragraph Paragraph(string text, bool bold = false, bool italic = false, int size = 0, bool center = false, int spaceBefore = 0)
    {
        var run = new RunProperties();
        if (bold) run.Append(new Bold());
        if (italic) run.Append(new Italic());
        if (size > 0) run.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var paragraph = new ParagraphProperties(new SpacingBetweenLines { Before = spaceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), After = "120" });
        if (center) paragraph.Append(new Justification { Val = JustificationValues.Center });
        return new Paragraph(paragraph, new Run(run, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool header)
    {
        var row = new TableRow();
        if (header) row.Append(new TableRowProperties(new TableHeader()));
        foreach (var cell in cells)
            row.Append(new TableCell(new Paragraph(new Run(header ? new RunProperties(new Bold()) : new RunProperties(), new Text(cell) { Space = SpaceProcessingModeValues.Preserve }))));
        return row;
    }
}
