"""The student list page: its facets declared once, and everything derived from them.

Arrows point one way: `postings.models` ← this package ← `postings.views`. Inside it:

- `facets.py`: one `Facet` declaration per filter (name, label, where its value is read from a
  posting, how its options are listed, labelled and ordered, whether several can be chosen,
  and the `PostingQuerySet` method that is its meaning in SQL);
- `filterset.py`: `PostingFilter`, whose fields are made from the declarations (plus the words,
  "include closed" and the sort), its SQL `qs`, and the chips;
- `index.py`: the listing index, every public posting's facet values in memory, its columns
  made from the declarations; `results.py`: one query string answered from it;
- `counts.py`: each declared facet's options with their counts and markup;
- `page.py`: `ListingPage`, the one entry point the view calls.
Words are searched by `postings.search`, a package of its own.

How to add a facet (one declaration, one QuerySet method, one template line, one test):

1. Declare it in `FACETS` in `facets.py`: `reads` says where the index finds a posting's value
   (`Column("a_column")`, `Flags({option: column})`, `Links("relation")`, or a kind of its
   own), `options` how they are listed (`Choices(SomeChoices.choices)`, `Related(Model)`,
   `Present()`), `narrows` the name of the QuerySet method below; `multiple=True` for
   checkboxes. A value typed by hand rather than chosen gives its own `filter_field`.
2. Write that method on `PostingQuerySet` in `postings/models.py`: the postings the cleaned
   value gives, in SQL. It is what the facet means; the index must agree with it.
3. Add one line to `templates/postings/_filters.html`:
   `{% include "postings/_facet.html" with facet=facets.<name> %}`.
4. Give `tests/test_listing_index.py` values to try if the options are not listed
   (`TYPED_VALUES`); its agreement tests then compare index and SQL for the new facet too,
   and add a test of the behaviour in `tests/test_filters.py`.

If the column is new to the index, add it to `LISTED_FIELDS` in `postings/models.py`, so that a
save changing it makes the index be read again.
"""
