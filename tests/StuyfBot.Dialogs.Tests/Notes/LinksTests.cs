using StuyfBot.Dialogs.Notes;

namespace StuyfBot.Dialogs.Tests.Notes;

public sealed class LinksTests
{
    [Theory]
    [InlineData("zie https://stuyverij.be.", "https://stuyverij.be")]
    [InlineData("(https://example.org/a_(b))", "https://example.org/a_(b)")]
    [InlineData("(zie https://example.org/x)", "https://example.org/x")]
    [InlineData("HTTP://EXAMPLE.ORG/Path?q=1&r=2, daarna", "HTTP://EXAMPLE.ORG/Path?q=1&r=2")]
    [InlineData("\"https://example.org/quoted\"", "https://example.org/quoted")]
    [InlineData("link:https://example.org/x!", "https://example.org/x")]
    public void Web_links_are_found_without_the_punctuation_around_them(string text, string link)
    {
        Assert.Equal([link], Links.In(text));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org")]
    [InlineData("www.example.org")]
    [InlineData("https://")]
    [InlineData("xhttps://example.org")]
    [InlineData("mailto:an@example.org")]
    public void Nothing_but_http_and_https_with_a_host_is_a_link(string text)
    {
        Assert.Empty(Links.In(text));
        Assert.False(Links.IsWebLink(text));
    }

    [Fact]
    public void Each_link_comes_once_in_its_order()
    {
        Assert.Equal(["https://b.example", "https://a.example"], Links.In("https://b.example en https://a.example en https://b.example"));
        Assert.False(Links.IsWebLink("https://example.org/" + new string('x', Links.MaxLength)));
    }
}
