"""The parts staff comments are composed from (:mod:`synthetic.comments`): what happened, per theme.

Each situation is one clause a member of staff might write, with the themes it is about (ids as in
tiwell/comments/themes.toml) and whether it is said well ("+") or badly ("-") of the place. Placeholders
``{team}`` and ``{name}`` are filled from the organisation's cast, and record what they plant.
"""

from __future__ import annotations

# theme id -> ((polarity, clause), ...); a clause about two themes lists both ids joined by "+".
SITUATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "workload": (
        ("-", "my caseload has gone up to thirty families and there is no way to do it properly"),
        ("-", "we are constantly covering vacancies on top of our own work"),
        ("-", "I'm doing unpaid overtime most evenings just to keep up with the paperwork"),
        ("-", "there is far too much work for the number of people we have"),
        ("-", "the workload is relentless and nobody seems to notice"),
        ("-", "we never get to the end of the to-do list because new referrals keep coming"),
        ("+", "caseloads are finally manageable since the new starters arrived"),
        ("+", "the workload has been more realistic this year"),
    ),
    "control": (
        ("-", "the rota is decided for us with no say in which shifts we work"),
        ("-", "every decision about my own diary has to be signed off, which feels like micromanagement"),
        ("-", "requests for flexible working are turned down without a conversation"),
        ("-", "I have no control over how my visits are planned"),
        ("+", "I can plan my own week and choose how I work with each family"),
        ("+", "being trusted to manage my own diary makes a real difference"),
        ("+", "flexible hours mean I can fit the school run around visits"),
    ),
    "reward": (
        ("-", "the pay has not kept up with the cost of living"),
        ("-", "mileage rates don't cover what it costs to run the car"),
        ("-", "there is no route to progress unless you leave for another authority"),
        ("-", "good work goes unrecognised while agency staff are paid far more"),
        ("+", "the pay rise this year was welcome"),
        ("+", "I've been given the chance to train for a senior post"),
    ),
    "community": (
        ("-", "since we went hybrid I hardly see the rest of the team and it feels isolating"),
        ("-", "there is a clique in the office and newer staff are left out"),
        ("-", "people eat lunch at their desks and nobody really talks any more"),
        ("+", "there's a real sense of belonging in {team}"),
        ("+", "the office has a lovely atmosphere and we have a laugh together"),
        ("+", "we all pull together when things get tough"),
    ),
    "fairness": (
        ("-", "cases are not shared out fairly and the same people always get the complex ones"),
        ("-", "some managers have favourites and it shows in who gets the training places"),
        ("-", "the rules on annual leave seem to apply to some of us and not others"),
        ("-", "promotions seem to go to whoever is friends with the right people"),
        ("+", "allocation is done openly and I think it is fair"),
        ("+", "everyone is treated the same whatever their grade"),
    ),
    "values": (
        ("-", "it feels like targets and timescales matter more than the children we work with"),
        ("-", "I came into this job to help families, not to fill in forms all day"),
        ("-", "we are asked to close cases before families are ready, which goes against why I do this"),
        ("+", "the organisation really lives its values about putting families first"),
        ("+", "I believe in what we do here and that keeps me going"),
        ("+", "seeing a family move on well reminds me why I do this job"),
    ),
    "safety": (
        ("-", "I don't feel safe doing lone visits late in the day without a proper check-in system"),
        ("-", "people are scared to admit mistakes because of the blame that follows"),
        ("-", "the door entry system at the office has been broken for weeks"),
        ("-", "it doesn't feel safe to raise concerns here"),
        ("+", "the lone working app means someone always knows where I am"),
        ("+", "I feel able to own up to a mistake without being blamed"),
    ),
    "trustworthiness": (
        ("-", "decisions about the restructure were made behind closed doors and we heard about them last"),
        ("-", "leaders say one thing and do another"),
        ("-", "we were promised an update on the office move months ago and heard nothing"),
        ("-", "senior managers are not honest with us about why posts are not being filled"),
        ("+", "senior leaders explain the reasons behind changes, even unpopular ones"),
        ("+", "my manager is open with us about what is coming and keeps her word"),
    ),
    "peer_support": (
        ("-", "there is no time to debrief with colleagues after a difficult visit"),
        ("-", "after a hard day you are left to deal with it on your own"),
        ("-", "the peer support group was stopped and nothing replaced it"),
        ("+", "colleagues always check in on each other after a tough visit"),
        ("+", "the peer support sessions are valuable and I hope they carry on"),
        ("+", "I can always talk things through with someone in the team"),
    ),
    "collaboration": (
        ("-", "health and education don't share information with us, so families tell their story again and again"),
        ("-", "changes are done to us rather than with us"),
        ("-", "teams work in silos and nobody joins the dots"),
        ("+", "we work in partnership with families and they help shape the plan"),
        ("+", "joint working with the school nurses has been excellent"),
        ("+", "staff were involved in designing the new referral process"),
    ),
    "empowerment": (
        ("-", "when we suggest ideas they are ignored"),
        ("-", "I don't feel listened to by anyone above my manager"),
        ("-", "front-line staff have no voice in how the service is run"),
        ("+", "my ideas are listened to and some have been put into practice"),
        ("+", "I feel encouraged to use my professional judgement"),
        ("+", "staff forums give us a real voice"),
    ),
    "culture": (
        ("-", "there is little understanding of different faiths, for example around Ramadan or prayer times"),
        ("-", "jokes about accents and where people come from are brushed off as banter"),
        ("-", "women in the team are talked over in meetings"),
        ("-", "the training on racism felt like a tick-box exercise"),
        ("+", "I feel respected for who I am, whatever my background"),
        ("+", "the work on anti-racist practice has made a difference to how we talk about race"),
    ),
    "appreciation": (
        ("+", "thank you to everyone in {team} for the support this year"),
        ("+", "huge thanks to {name}, who always makes time to listen"),
        ("+", "a big thank you to my colleagues, I couldn't ask for better"),
        ("+", "I really appreciate the way my manager champions the team"),
    ),
    "what_helps": (
        ("+", "what helps most is reflective supervision every month"),
        ("+", "the employee assistance line helped me through a hard time"),
        ("+", "having a quiet room to decompress after difficult calls really helps"),
        ("+", "wellbeing days have made a difference to how I cope"),
    ),
}

# Clauses about two themes at once.
PAIRED: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("workload", "peer_support"), "-", "we are so busy there is never time to talk to each other after a hard visit"),
    (("workload", "values"), "-", "the volume of work means I'm firefighting instead of doing the work I came into"),
    (("trustworthiness", "empowerment"), "-", "decisions are made without asking us and without telling us why"),
    (("fairness", "reward"), "-", "agency workers earn more than permanent staff for the same job"),
    (("control", "workload"), "-", "we can't say no to new cases however full our diary is"),
    (("community", "peer_support"), "+", "the team is close and we look after each other"),
    (("appreciation", "peer_support"), "+", "thank you to the team for always having my back"),
    (("what_helps", "peer_support"), "+", "the fortnightly group supervision is what helps most"),
    (("safety", "trustworthiness"), "-", "people don't speak up because they don't trust what happens next"),
    (("culture", "fairness"), "-", "black staff are less likely to be put forward for senior roles"),
    (("collaboration", "empowerment"), "+", "we were asked for our views and they shaped the new model"),
)

OPENINGS = ("", "", "", "Honestly, ", "To be fair, ", "On the whole, ", "Where to start. ", "Overall ",
            "Speaking for myself, ", "I've been here four years and ", "As a newer member of staff, ",
            "In my team ")
FEELINGS = {"-": ("", "", ", and it is wearing me down", ", which leaves me exhausted", ", and morale is low",
                  ", and I'm not sure how long I can keep going", ", which is really frustrating"),
            "+": ("", "", ", which makes a real difference", ", and I'm grateful for it", ", so thank you",
                  ", which keeps me going")}
# What would help, per theme a negative clause is about (said after it).
ASKS = {
    "workload": ("Please cap caseloads.", "More staff would help.", "We need more cover on the rota."),
    "control": ("Let us have more say over our own rotas.", "Trust us to plan our own time."),
    "reward": ("Please look at pay and mileage.", "A clearer path to promotion would help."),
    "community": ("A regular team day would help us feel like a team again.",),
    "fairness": ("Allocation needs to be fair and open.", "The same rules should apply to everyone."),
    "values": ("Let us spend our time with families rather than on forms.",),
    "safety": ("Please sort out lone working.", "We need a no-blame approach to mistakes."),
    "trustworthiness": ("Please be honest with us.", "Tell us what is happening and why."),
    "peer_support": ("Protected time to debrief would help.", "Please bring back peer support."),
    "collaboration": ("Ask us before changing things.", "Better joint working with health would help."),
    "empowerment": ("Please listen to front-line staff.", "Give us a voice in decisions."),
    "culture": ("Cultural awareness training that means something would help.",),
}

# Comments that need someone to act: flag id -> (themes, text), written whole.
FLAGGED: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "self_harm": (((), "Some days I think everyone would be better off without me and I've thought about "
                       "ending it."),
                  ((), "I've started self-harming again because of the stress and I don't know who to tell.")),
    "unsafe": ((("safety",), "I don't feel safe coming into work since the incident and I'm frightened of "
                             "being on my own with him."),
               (("safety",), "I feel unsafe in the building at night and nobody has done anything about it.")),
    "bullying": ((("community",), "I am being bullied by a senior colleague and it has been going on for "
                                  "months."),
                 (("community",), "My manager belittles me in front of the team and I dread coming in.")),
    "harassment": ((("safety",), "A colleague keeps making sexual comments about me and touched me at the "
                                 "Christmas party."),),
    "discrimination": ((("culture",), "I have been treated differently since I told them about my disability "
                                      "and was refused reasonable adjustments."),
                       (("culture",), "I have experienced racism from a manager and it was not taken "
                                      "seriously.")),
    "service_user_abuse": ((("safety",), "A parent threatened to stab me on a home visit last month and I've "
                                         "had no support since."),
                           (("safety",), "I was assaulted by a young person and was expected to carry on "
                                         "with my shift.")),
    "safeguarding": (((), "I raised a safeguarding concern about a child on my caseload and nothing has been "
                          "done."),),
}
