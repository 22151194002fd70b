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


@register.simple_tag(takes_context=True)
def back_here(context):
    """Where a save or About me form sends the student back: the list page with its filters;
    any other page by its path alone (posting and company pages take no parameters, so a
    query on them changes nothing on the page)."""
    request = context.get("request")
    if request is None:
        return ""
    match = request.resolver_match
    if match is not None and match.view_name == "postings:list":
        return request.get_full_path()
    return request.path
