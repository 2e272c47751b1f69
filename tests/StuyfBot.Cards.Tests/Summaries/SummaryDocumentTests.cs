using System.Xml;
using System.Xml.Linq;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Summaries;
using StuyfBot.Dialogs.Summaries;
using static StuyfBot.Cards.Tests.Pitches.PitchSamples;
using CardMarkdown = StuyfBot.Cards.AdaptiveCards.Markdown;

namespace StuyfBot.Cards.Tests.Summaries;

/// <summary>
/// The Markdown and HTML summaries: readable, complete, and safe. Markdown is parsed with Markdig
/// (CommonMark with its extensions) and HTML as XML, and typed text never becomes structure.
/// </summary>
public sealed class SummaryDocumentTests
{
    private static readonly Text Flemish = Text.For("nl-BE");
    private static readonly Text English = Text.For("en-US");
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static TheoryData<SummaryAudience, string> Audiences() => new()
    {
        { SummaryAudience.Group, "nl-BE" },
        { SummaryAudience.Facilitators, "nl-BE" },
        { SummaryAudience.Group, "en-US" },
    };

    [Theory]
    [MemberData(nameof(Audiences))]
    public void In_the_markdown_typed_text_makes_no_html_links_headings_lists_or_quotes_of_its_own(SummaryAudience audience, string locale)
    {
        var summary = Summary(audience);
        var text = Text.For(locale);

        var document = Markdig.Markdown.Parse(SummaryMarkdown.Render(summary, text), Pipeline);

        Assert.Empty(document.Descendants<HtmlBlock>());
        Assert.Empty(document.Descendants<HtmlInline>());
        Assert.Empty(document.Descendants<QuoteBlock>());
        Assert.Empty(document.Descendants<CodeInline>());
        Assert.Empty(document.Descendants<Markdig.Extensions.Tables.Table>());
        Assert.All(document.Descendants<LinkInline>(), l => Assert.StartsWith("https://", l.Url, StringComparison.Ordinal));
        var headings = document.Descendants<HeadingBlock>().ToList();
        Assert.Equal(1, headings.Count(h => h.Level == 1));
        Assert.Equal(summary.Links.Count > 0 ? 4 : 3, headings.Count(h => h.Level == 2));
        Assert.Equal(summary.Pitches.Count, headings.Count(h => h.Level == 3));
        Assert.All(document.Descendants<ListBlock>(), l => Assert.False(l.IsOrdered));
    }

    [Fact]
    public void In_the_markdown_typed_text_reads_as_typed()
    {
        var html = Markdig.Markdown.ToHtml(SummaryMarkdown.Render(Summary(SummaryAudience.Group), Flemish), Pipeline);

        Assert.Contains("**vet** [klik](javascript:alert(1)) &lt;script&gt;alert(2)&lt;/script&gt; # kop", html, StringComparison.Ordinal);
        Assert.Contains("&gt; citaat &amp;amp; `code` | tabel |", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>vet</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://stuyverij.be/agenda\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_holds_every_part_of_the_summary()
    {
        var summary = Summary(SummaryAudience.Group);

        var md = SummaryMarkdown.Render(summary, English);

        Assert.StartsWith("# Summary: Connector table: Dinsdag\n", md, StringComparison.Ordinal);
        Assert.Contains("- Checked in: 5", md, StringComparison.Ordinal);
        Assert.Contains("### 2\\. An anonymous pitch", md, StringComparison.Ordinal);
        Assert.Contains("#### Contacts (1)", md, StringComparison.Ordinal);
        Assert.Contains("**Next step:**  \nIk mail de zorgcoördinator", md, StringComparison.Ordinal);
        Assert.Contains("- <https://stuyverij.be/agenda>", md, StringComparison.Ordinal);
        Assert.All(summary.Pitches.SelectMany(p => p.Answers), a => Assert.Contains(CardMarkdown.EscapeInline(a.Text), md, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Audiences))]
    public void The_html_is_well_formed_semantic_and_only_links_checked_web_addresses(SummaryAudience audience, string locale)
    {
        var html = SummaryHtml.Render(Summary(audience), Text.For(locale));

        var document = Parse(html);

        string[] allowed = ["html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "h4", "p", "section", "article", "dl", "dt", "dd", "ul", "li", "a", "span", "strong", "br"];
        Assert.All(document.Descendants(), e => Assert.Contains(e.Name.LocalName, allowed));
        Assert.All(document.Descendants("a"), a => Assert.StartsWith("https://", a.Attribute("href")!.Value, StringComparison.Ordinal));
        Assert.All(document.Descendants().Attributes(), a => Assert.Contains(a.Name.LocalName, new[] { "lang", "charset", "name", "content", "class", "href", "rel" }));
        Assert.Equal(locale == "en-US" ? "en" : "nl-BE", document.Root!.Attribute("lang")!.Value);
        Assert.Contains("@media print", document.Descendants("style").Single().Value, StringComparison.Ordinal);
        Assert.Single(document.Descendants("h1"));
    }

    [Fact]
    public void In_the_html_typed_text_is_text()
    {
        var document = Parse(SummaryHtml.Render(Summary(SummaryAudience.Group), Flemish));

        Assert.Empty(document.Descendants("script"));
        var curious = document.Descendants("dd").First(d => d.Value.Contains("vet", StringComparison.Ordinal));
        Assert.Equal("**vet** [klik](javascript:alert(1)) <script>alert(2)</script> # kop1. lijst> citaat &amp; `code` | tabel |", curious.Value);
        Assert.Equal(2, curious.Elements("br").Count());
        Assert.Equal("a&lt;b&gt;&amp;&quot;c&quot;&#39;", SummaryHtml.Encode("a<b>&\"c\"'\u0001"));
    }

    [Theory]
    [InlineData("gewoon tekst", "gewoon tekst")]
    [InlineData("*vet* _schuin_ `code`", @"\*vet\* \_schuin\_ \`code\`")]
    [InlineData("[link](https://x)", @"\[link\](https://x)")]
    [InlineData("<b>html</b> & &amp;", @"\<b\>html\</b\> \& \&amp;")]
    [InlineData("# kop", @"\# kop")]
    [InlineData("   ## ingesprongen kop", @"\## ingesprongen kop")]
    [InlineData("- lijst", @"\- lijst")]
    [InlineData("+ lijst", @"\+ lijst")]
    [InlineData("12. lijst", @"12\. lijst")]
    [InlineData("3) lijst", @"3\) lijst")]
    [InlineData("> citaat", @"\> citaat")]
    [InlineData("===", @"\===")]
    [InlineData("a | b | c", @"a \| b \| c")]
    [InlineData("~~weg~~", @"\~\~weg\~\~")]
    [InlineData("C# en 1.5 - 2", "C# en 1.5 - 2")]
    [InlineData("regel 1\r\n\r\n- regel 2", "regel 1\n\\- regel 2")]
    public void Markdown_escaping_keeps_text_as_typed(string typed, string escaped)
    {
        Assert.Equal(escaped, CardMarkdown.Escape(typed));
        Assert.Equal(typed.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0).Select(l => l.Trim()),
            Markdig.Markdown.ToPlainText(CardMarkdown.Escape(typed, "\n\n"), Pipeline).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }
}
