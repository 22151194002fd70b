"""Template filters for text recruiters write."""

from django import template

from postings.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ posting.summary|markdown }}: sanitised HTML from Markdown or plain text."""
    return render_markdown(text)
