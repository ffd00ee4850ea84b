"""Mail to respondents when a consultation's outcome is published: the response form promises it ("we tell you
when the outcome is published", consultations/forms.py), so every respondent who left an e-mail address is told.

Queued in the durable outbox (home/outbox.py) inside the publish, one mail per response, keyed by the response's
reference code: publishing again, or unpublishing and publishing the outcome again, tells nobody twice.
"""

from django.utils.translation import gettext as _

from home.outbox import queue_mail


def tell_respondents_the_outcome(page):
    if not page.outcome_published:
        return 0
    responses = page.responses.exclude(email="").only("reference_code", "email")
    page_url = page.get_full_url()
    queued = 0
    for response in responses.iterator():
        message = queue_mail(
            key=f"consultation:{response.reference_code}:outcome",
            to=[response.email],
            subject=_("The outcome of “%(title)s” is published") % {"title": page.title},
            template="consultations/mail/consultation_outcome_published",
            context={"page": page, "response": response, "page_url": page_url},
        )
        queued += message is not None
    return queued


def on_page_published(sender, instance, **kwargs):
    tell_respondents_the_outcome(instance)
