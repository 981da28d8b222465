"""The study site generator: ``sources/*.txt`` -> frozen model -> Markdown pages (``dict[path, str]``).

No MkDocs import anywhere in the package: ``scripts/mkdocs_hook.py`` hands the pages to
MkDocs, ``scripts/build_pages.py`` (``studysite-build``) writes them to a folder.
Entry point for both: :func:`studysite.site.build_site`.
"""
