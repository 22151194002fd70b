"""Template tags of the students app: one posting as the visitor sees it."""

from django import template

from students.personal import personal_view

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, posting):
    """{% personal posting as mine %}: `mine.verdict` (None without About me) and `mine.saved`."""
    request = context.get("request")
    if request is None:
        return None
    return personal_view(request, posting)
