"""The demo site: content as data files (`content/`), built through the services.

The curriculum follows UNITAR's Policy and Training Programme for Ambassadors and Diplomats
at the United Nations (PATIT) and the UN Website Section's web-site workshops for permanent
missions, as described in the Secretary-General's report E/2003/75 (paragraphs 3-4 and
29-33). Lesson bodies use the blocks of `cms.blocks.LessonBodyBlock`: `rich_text` (HTML) and
`callout`.

`manage.py seed_demo` calls `seed.seed()`; nothing in the apps imports this package, so the
demo can change without touching a rule. Safe to re-run: pages are found by slug, users by
e-mail and cycles by code, and the services refuse what is already done.
"""
