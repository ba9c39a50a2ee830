"""Learner pages: open cycles, applying, my enrollments, offers and withdrawal.

Plain HTML forms (POST + redirect) that work without JavaScript. Every refusal comes from
a service exception and is shown as it is, with nothing written.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms import content_names

from . import selectors, services
from .exceptions import ApplicationsClosed, EnrollmentError, InvalidInput
from .models import Cycle, Enrollment
from .selectors.priority import priority_standing
from .selectors.standing import waitlist_standing

S = Enrollment.Status


def cycle_list(request):
    cycles = list(selectors.open_cycles())
    mine = {}
    if request.user.is_authenticated:
        mine = {
            e.cycle_id: e
            for e in request.user.enrollments.filter(cycle__in=cycles, status__in=Enrollment.LIVE)
        }
    for cycle in cycles:
        cycle.seats_left = max(cycle.capacity - cycle.seats_taken, 0)
        cycle.my_enrollment = mine.get(cycle.pk)
        cycle.refusal = None if cycle.my_enrollment else _refusal(request.user, cycle)
    content_names.prime_cycles(cycles, request.LANGUAGE_CODE)
    return render(request, "courses/cycle_list.html", {"cycles": cycles})


def cycle_detail(request, code):
    cycle = get_object_or_404(
        selectors.with_seat_counts(Cycle.objects.select_related("programme")), code=code
    )
    cycle.seats_left = max(cycle.capacity - cycle.seats_taken, 0)
    enrollment = None
    if request.user.is_authenticated:
        enrollment = request.user.enrollments.filter(
            cycle=cycle, status__in=Enrollment.LIVE
        ).first()
    return render(
        request,
        "courses/cycle_detail.html",
        {
            "cycle": cycle,
            "enrollment": enrollment,
            "position": enrollment and selectors.waitlist_position(enrollment=enrollment),
            "standing": enrollment and waitlist_standing(enrollment=enrollment),
            "priority": priority_standing(cycle=cycle, user=request.user),
            "refusal": None if enrollment else _refusal(request.user, cycle),
        },
    )


def _refusal(user, cycle):
    """What `apply` would refuse, asked before offering the button (decision 0009): the
    whole check for a signed-in user, the dates for a visitor (who is asked to sign in)."""
    if user.is_authenticated:
        return services.check_can_apply(learner=user, cycle=cycle)
    if not cycle.is_open_for_applications():
        return ApplicationsClosed.for_cycle(cycle, timezone.now())
    return None


@login_required
@require_POST
def apply(request, code):
    cycle = get_object_or_404(Cycle, code=code)
    try:
        enrollment = services.apply(learner=request.user, cycle=cycle)
    except EnrollmentError as error:
        messages.error(request, error.message)
        return redirect("courses:cycle_detail", code=code)
    if enrollment.status == S.ENROLLED:
        messages.success(request, _("You are enrolled in %(code)s.") % {"code": cycle.code})
    else:
        position = selectors.waitlist_position(enrollment=enrollment)
        messages.info(
            request,
            _("The cycle %(code)s is full; you are number %(position)s on the waitlist.")
            % {"code": cycle.code, "position": position},
        )
    return redirect("courses:my_learning")


@login_required
def my_learning(request):
    """The learner's dashboard: one card per current enrollment, with progress where seated,
    then the cycles completed in the past, one line each (their outline is history; the
    certificate and the lessons stay one link away)."""

    today = timezone.localdate()
    items, past = [], []
    for item in selectors.enrollments_for(learner=request.user):
        enrollment = item.enrollment
        if enrollment.status == S.COMPLETED and enrollment.last_day < today:
            past.append(enrollment)
        else:
            items.append(item)
    # Progress for the cycles being studied now (and finished ones); a seat in a cycle that
    # has not started shows its start date instead of a Resume that would lead elsewhere.
    seated = [
        i.enrollment
        for i in items
        if i.enrollment.status == S.COMPLETED or i.enrollment.can_study(today)
    ]
    progress = selectors.progress_for_many(enrollments=seated)
    _titles_in_language(progress.values(), request.LANGUAGE_CODE)
    content_names.prime(
        [item.enrollment.cycle for item in items] + [e.cycle for e in past], request.LANGUAGE_CODE
    )
    return render(
        request,
        "courses/my_learning.html",
        {
            "items": [(item, progress.get(item.enrollment.pk)) for item in items],
            "past": past,
            # Not in a cycle: each open cycle with what `apply` would answer, so that the
            # dashboard says "you completed this programme" rather than send them to a
            # button that refuses (decision 0009).
            "openings": []
            if items
            else [(cycle, _refusal(request.user, cycle)) for cycle in selectors.open_cycles()],
        },
    )


def _titles_in_language(progresses, language: str) -> None:
    """Module and lesson titles of the learner's language where a translation is published
    (what counts stays the English pages; only the words shown change)."""
    from cms.translation import titles_in

    parts = [part for p in progresses for part in p.all_parts]
    items = parts + [lesson for part in parts for lesson in part.lessons]
    titles = titles_in({item.id for item in items}, language)
    for item in items:
        item.title = titles.get(item.id, item.title)


def _own(request, pk) -> Enrollment:
    # Another learner's enrollment is a 404: its existence is not ours to reveal.
    return get_object_or_404(
        Enrollment.objects.select_related("cycle"), pk=pk, learner=request.user
    )


@login_required
@require_POST
def confirm_offer(request, pk):
    enrollment = _own(request, pk)
    try:
        services.confirm_offer(enrollment=enrollment, by=request.user)
    except EnrollmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your seat in %(code)s is confirmed.") % {"code": enrollment.cycle.code}
        )
    return redirect("courses:my_learning")


@login_required
def decline_offer(request, pk):
    """GET asks for confirmation (a seat given away cannot be taken back); POST declines."""
    enrollment = _own(request, pk)
    if request.method != "POST":
        return render(request, "courses/decline_confirm.html", {"enrollment": enrollment})
    try:
        services.decline_offer(enrollment=enrollment, by=request.user)
    except EnrollmentError as error:
        messages.error(request, error.message)
    else:
        messages.info(
            request,
            _("You declined the seat in %(code)s; it has gone to the next learner.")
            % {"code": enrollment.cycle.code},
        )
    return redirect("courses:my_learning")


@login_required
def withdraw(request, pk):
    """GET asks for confirmation; POST withdraws."""
    enrollment = _own(request, pk)
    if request.method == "POST":
        try:
            services.withdraw(
                enrollment=enrollment, by=request.user, reason=request.POST.get("reason", "")[:500]
            )
        except EnrollmentError as error:
            messages.error(request, error.message)
        else:
            messages.info(
                request, _("You have withdrawn from %(code)s.") % {"code": enrollment.cycle.code}
            )
        return redirect("courses:my_learning")
    return render(request, "courses/withdraw_confirm.html", {"enrollment": enrollment})


def _live_lesson(lesson_id):
    from cms.models import LessonPage

    return get_object_or_404(LessonPage.objects.live(), pk=lesson_id)


@login_required
@require_POST
def complete_lesson(request, lesson_id):
    lesson = _live_lesson(lesson_id)
    try:
        services.complete_lesson(learner=request.user, lesson=lesson)
    except EnrollmentError as error:
        messages.error(request, error.message)
    else:
        _announce_completion(request, lesson)
    return redirect(lesson.url)


@login_required
@require_POST
def knowledge_check(request, lesson_id):
    lesson = _live_lesson(lesson_id)
    try:
        attempt = services.submit_knowledge_check(
            learner=request.user,
            lesson=lesson,
            block_id=request.POST.get("block_id", ""),
            answers=request.POST,
        )
    except InvalidInput as error:
        # Not something our form sends: say so, keep the learner's place, write nothing.
        return render(
            request,
            "courses/bad_request.html",
            {"message": error.message, "back_url": lesson.url},
            status=400,
        )
    except EnrollmentError as error:
        messages.error(request, error.message)
        return redirect(lesson.url)
    check = services.knowledge_checks(lesson)[attempt.block_id]
    if attempt.passed:
        messages.success(
            request, _("You scored %(score)s%% and passed.") % {"score": attempt.score}
        )
        _announce_completion(request, lesson)
    else:
        # Pass or fail only, never the score: a score would tell which changed answer
        # made the difference, and the check could be solved by trying.
        messages.error(
            request,
            _("Not passed yet: the pass mark is %(mark)s%%. Read the lesson again and retry.")
            % {"mark": check["pass_mark"]},
        )
        return redirect(lesson.url)
    # Explanations only after a pass: they usually give the answers away.
    for question in check["questions"]:
        if question["explanation"]:
            messages.info(request, f"{question['text']} — {question['explanation']}")
    return redirect(lesson.url)


def _announce_completion(request, lesson):
    from cms.translation import canonical

    lesson = canonical(lesson)
    enrollment = selectors.study_enrollment(
        learner=request.user, programme_id=lesson.get_parent().get_parent().pk
    )
    if enrollment and enrollment.status == S.COMPLETED:
        messages.success(
            request,
            _("Congratulations: you have completed %(code)s. Your certificate is being prepared.")
            % {"code": enrollment.cycle.code},
        )
        return
    messages.success(request, _("Lesson completed."))
    if enrollment is None:
        return
    progress = selectors.progress_for(enrollment=enrollment)
    part = progress.part_of(lesson.pk)
    if part is not None and part.is_complete and lesson.pk == part.lessons[-1].id:
        following = next((m for m in progress.modules if m.number > part.number), None)
        if following is not None:
            messages.success(
                request,
                _("%(done)s complete: %(next)s is open.")
                % {"done": part.label, "next": following.label},
            )
