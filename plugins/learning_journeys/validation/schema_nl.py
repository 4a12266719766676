"""Dutch titles and descriptions of the journey schema, keyed by their English text.

Like a gettext catalogue: the English text in ``schema_source`` (and the activity
type specifications) is the key. A field whose English changes has no Dutch until
someone translates it again, and ``tests/test_schema_reference.py`` names it, so the
two languages cannot drift apart. :func:`add_dutch` writes the Dutch into the
schema as ``x-title-nl`` and ``x-description-nl`` (keywords editors ignore).
"""

from __future__ import annotations

from typing import Any

TITLES: dict[str, str] = {
    "Learning journey": "Leertraject",
    "Journey id": "Id van het leertraject",
    "Title": "Titel",
    "Summary": "Samenvatting",
    "Description": "Beschrijving",
    "Language": "Taal",
    "Audience": "Doelgroep",
    "Owner": "Eigenaar",
    "Status": "Status",
    "Version": "Versie",
    "Organisational goals": "Organisatiedoelen",
    "Goal id": "Id van het doel",
    "Goal": "Doel",
    "KPI": "KPI",
    "Target": "Streefwaarde",
    "Learning objectives": "Leerdoelen",
    "Objective id": "Id van het leerdoel",
    "Objective": "Leerdoel",
    "Supports goals": "Draagt bij aan doelen",
    "Level": "Niveau",
    "Evaluation plan": "Evaluatieplan",
    "Reaction": "Reactie",
    "Learning": "Leren",
    "Behaviour": "Gedrag",
    "Results": "Resultaten",
    "Phases": "Fasen",
    "Preparation": "Voorbereiding",
    "Application": "Toepassing",
    "Cohorts": "Cohorten",
    "Session": "Sessie",
    "Session id": "Id van de sessie",
    "Session title": "Titel van de sessie",
    "Day": "Dag",
    "Start time": "Begintijd",
    "End time": "Eindtijd",
    "Location": "Locatie",
    "Link": "Link",
    "Facilitator": "Begeleider",
    "Repeat": "Herhaling",
    "Every": "Elke",
    "Number of meetings": "Aantal bijeenkomsten",
    "Until day": "Tot dag",
    "Fixed time zone": "Vaste tijdzone",
    "Question": "Vraag",
    "Choices": "Antwoordkeuzes",
    "Choice": "Antwoordkeuze",
    "Correct": "Juist",
    "Explanation": "Toelichting",
    "Phase": "Fase",
    "Phase title": "Titel van de fase",
    "Introduction": "Inleiding",
    "Activities": "Activiteiten",
    "Evaluation level": "Evaluatieniveau",
    "Method": "Methode",
    "When": "Wanneer",
    "Cohort": "Cohort",
    "Cohort id": "Id van het cohort",
    "Cohort title": "Titel van het cohort",
    "Start date": "Startdatum",
    "Time zone": "Tijdzone",
    "Session overrides": "Afwijkingen per sessie",
    "Capacity": "Capaciteit",
    "Enrolment deadline": "Inschrijven tot",
    "Groups": "Groepen",
    "Session override": "Afwijking van een sessie",
    "Date": "Datum",
    "Cancelled": "Vervallen",
    "Group": "Groep",
    "Group id": "Id van de groep",
    "Group title": "Naam van de groep",
    "Days later": "Dagen later",
    "Meeting overrides": "Afwijkingen per bijeenkomst",
    "Activity id": "Id van de activiteit",
    "Activity type": "Soort activiteit",
    "Duration": "Duur",
    "Modality": "Leervorm",
    "Objectives served": "Leerdoelen",
    "Prerequisites": "Eerst afronden",
    "Optional": "Facultatief",
    "Week": "Week",
    "Open until week": "Open tot en met week",
    "Due in week": "Af in week",
    "Prior learning": "Eerder verworven competenties",
    "Note for the manager": "Notitie voor de leidinggevende",
    "Micro-module": "Micro-leermodule",
    "Content": "Inhoud",
    "Content file": "Bestand met de inhoud",
    "Knowledge check": "Kennischeck",
    "Workshop": "Workshop",
    "Sessions": "Sessies",
    "Per group": "Per groep",
    "Agenda": "Programma",
    "Time": "Tijd",
    "Minutes": "Minuten",
    "Topic": "Onderwerp",
    "Pre-work": "Voorbereiding vooraf",
    "Reflection checkpoint": "Reflectiemoment",
    "Prompts": "Reflectievragen",
    "Feedback": "Feedback",
    "Ask feedback from": "Feedback vragen aan",
    "Request text": "Tekst van het verzoek",
    "After every meeting of": "Na elke bijeenkomst van",
    "Intervision": "Intervisie",
    "Group size": "Groepsgrootte",
    "Coaching": "Coaching",
    "Format": "Vorm",
    "Coach": "Coach",
    "How to book": "Zo plan je een afspraak",
    "On-the-job assignment": "Opdracht op de werkplek",
    "Task": "Opdracht",
    "Deliverable": "Op te leveren",
    "Checked by": "Beoordeeld door",
    "Portfolio evidence": "Bewijs voor het portfolio",
    "Portfolio": "Portfolio",
    "Instructions": "Instructies",
    "Evidence for objectives": "Bewijs voor leerdoelen",
    "Discuss with": "Bespreken met",
    "Resource": "Bron",
    "Kind": "Soort",
    "Author": "Auteur",
    "Community": "Community",
    "Platform": "Platform",
    "Activity": "Activiteit",
    "Design advice to skip": "Ontwerpadvies overslaan",
}

DESCRIPTIONS: dict[str, str] = {
    "A blended learning journey: goals, objectives and three phases of activities.":
        "Een blended leertraject: doelen, leerdoelen en drie fasen met activiteiten.",
    "URL-safe id of the journey (lowercase letters, digits, hyphens). Default: the file name.":
        "Id van het leertraject zoals het in webadressen staat (kleine letters, cijfers en"
        " koppeltekens). Zonder id geldt de bestandsnaam.",
    "Name of the journey (schema.org Course name).": "Naam van het leertraject (schema.org Course name).",
    "One or two sentences for the catalogue.": "Een of twee zinnen voor het overzicht van alle trajecten.",
    "Longer introduction on the journey overview. Markdown.":
        "Uitgebreidere inleiding op de overzichtspagina van het traject. Markdown.",
    "BCP 47 language code of the journey's texts; chooses the labels of the generated pages.":
        "Taalcode (BCP 47) van de teksten van het traject; bepaalt in welke taal de"
        " gegenereerde pagina's hun kopjes en knoppen tonen.",
    "Who the journey is for.": "Voor wie het traject bedoeld is.",
    "The person or team who owns the journey.": "De persoon of het team dat eigenaar is van het traject.",
    "Where the design stands: draft, review or published.":
        "Hoe ver het ontwerp is: concept (draft), ter review (review) of gepubliceerd (published).",
    'Version of the design, as text (quote it: "1.10").':
        'Versie van het ontwerp, als tekst (zet er aanhalingstekens omheen: "1.10").',
    "The business goals behind the journey, each with the KPI that shows impact.":
        "De organisatiedoelen achter het traject, elk met de KPI waaraan je de impact ziet.",
    "Stable id of the goal.": "Vaste id van het doel.",
    "The organisational goal.": "Het organisatiedoel.",
    "The key performance indicator that shows progress.": "De kritieke prestatie-indicator die de voortgang laat zien.",
    "The target value and term.": "De streefwaarde en de termijn.",
    "Background of the goal. Markdown.": "Achtergrond van het doel. Markdown.",
    "What learners can do after the journey, each supporting one or more goals.":
        "Wat deelnemers na het traject kunnen; elk leerdoel draagt bij aan een of meer organisatiedoelen.",
    "Stable id of the objective.": "Vaste id van het leerdoel.",
    "The objective as observable behaviour.": "Het leerdoel als waarneembaar gedrag.",
    "Ids of the goals this objective supports.": "Ids van de organisatiedoelen waaraan dit leerdoel bijdraagt.",
    "Bloom's level of the objective.": "Niveau van het leerdoel volgens de taxonomie van Bloom.",
    "How the journey's effect is measured, per Kirkpatrick level.":
        "Hoe je het effect van het traject meet, per niveau van Kirkpatrick.",
    "Kirkpatrick level 1: how learners experienced it.": "Kirkpatrick niveau 1: hoe deelnemers het ervoeren.",
    "Kirkpatrick level 2: what they learned.": "Kirkpatrick niveau 2: wat ze geleerd hebben.",
    "Kirkpatrick level 3: what they do differently at work.":
        "Kirkpatrick niveau 3: wat ze in hun werk anders doen.",
    "Kirkpatrick level 4: the effect on the organisational goals.":
        "Kirkpatrick niveau 4: het effect op de organisatiedoelen.",
    "The three learning phases: pre, learn and post.":
        "De drie fasen: voorbereiding (pre), leerfase (learn) en toepassing (post).",
    "Before the learning phase (voorbereiding).": "Voor de leerfase: de voorbereiding.",
    "The learning phase (leerfase).": "De leerfase.",
    "Applying it at work (toepassing).": "Toepassen in het werk: de toepassing.",
    "Runs of the journey, each with a start date; they give the sessions real dates.":
        "Uitvoeringen van het traject, elk met een startdatum; zij geven de sessies echte data.",
    "One dated meeting (or a series of them) of a workshop, intervision group or coaching. Times are"
    " relative to the cohort start; a cohort can override them.":
        "Een bijeenkomst met datum (of een reeks ervan) van een workshop, intervisiegroep of coaching."
        " Tijden gelden ten opzichte van de start van het cohort; een cohort kan ze aanpassen.",
    "Stable id of this session, unique in the journey; cohorts use it to set the real date, place and"
    " facilitator.":
        "Vaste id van deze sessie, uniek in het traject; cohorten gebruiken hem om de echte datum,"
        " plaats en begeleider vast te leggen.",
    "Name of this session when an activity has several.": "Naam van deze sessie als een activiteit er meer heeft.",
    "Day of the journey on which the session takes place: day 1 is the cohort's start date. With the"
    " activity's `week`, day 1 is the first day of that week (so a cycle of sessions can run on into"
    " later weeks: day 15 is two weeks on).":
        "Dag van het traject waarop de sessie plaatsvindt: dag 1 is de startdatum van het cohort. Heeft"
        " de activiteit een `week`, dan is dag 1 de eerste dag van die week (zo loopt een reeks sessies"
        " door in latere weken: dag 15 is twee weken verder).",
    "Local start time (HH:MM, 24-hour clock), in the cohort's time zone.":
        "Plaatselijke begintijd (UU:MM, 24-uursklok), in de tijdzone van het cohort.",
    "Local end time (HH:MM, 24-hour clock).": "Plaatselijke eindtijd (UU:MM, 24-uursklok).",
    "Where the session takes place (room, building, city).": "Waar de sessie plaatsvindt (zaal, gebouw, stad).",
    "A web address (http, https or mailto). Other schemes such as javascript: are refused.":
        "Een webadres (http, https of mailto). Andere soorten, zoals javascript:, worden geweigerd.",
    "Who leads this session (begeleider, trainer).": "Wie deze sessie begeleidt (begeleider, trainer).",
    "Makes the session a series: the same meeting every N days or weeks, a number of times (`count`) or"
    " until a day (`until_day`). Each meeting gets the id `SESSION-1`, `SESSION-2`, ...: cohorts and"
    " groups move, re-place or cancel one by that id.":
        "Maakt van de sessie een reeks: dezelfde bijeenkomst elke N dagen of weken, een aantal keer"
        " (`count`) of tot een bepaalde dag (`until_day`). Elke bijeenkomst krijgt de id `SESSIE-1`,"
        " `SESSIE-2`, ...: daarmee kunnen cohorten en groepen er een verplaatsen, elders houden of"
        " laten vervallen.",
    "How often it meets: `1w` every week, `6w` every six weeks, `14d` every fourteen days.":
        "Hoe vaak de bijeenkomst is: `1w` elke week, `6w` elke zes weken, `14d` elke veertien dagen.",
    "How many meetings in all, the first included.": "Hoeveel bijeenkomsten in totaal, de eerste meegeteld.",
    "No meeting after this day of the journey (day 1 is the cohort's start).":
        "Geen bijeenkomst meer na deze dag van het traject (dag 1 is de start van het cohort).",
    "Set it when the clock time is fixed in one zone for every cohort (one joint call at 16:00 Amsterdam"
    " time is 10:00 in New York, 11:00 in the weeks daylight saving differs). Without it, times are"
    " local to each cohort.":
        "Vul dit in als de kloktijd voor elk cohort in één tijdzone vastligt (één gezamenlijke call om"
        " 16:00 Amsterdamse tijd is 10:00 in New York, 11:00 in de weken dat de zomertijd verschilt)."
        " Zonder deze zone gelden de tijden plaatselijk voor elk cohort.",
    "A knowledge check question, as in Microsoft Learn's module quizzes.":
        "Een vraag van een kennischeck, zoals in de quizzen van Microsoft Learn.",
    "The question, Markdown allowed.": "De vraag; Markdown mag.",
    "Possible answers; at least one is correct. Each explains why it is (not) right.":
        "Mogelijke antwoorden, waarvan er minstens één juist is. Bij elk staat waarom het (niet) klopt.",
    "The answer as the learner sees it.": "Het antwoord zoals de deelnemer het ziet.",
    "Whether this choice is right.": "Of dit antwoord juist is.",
    "Shown after the learner picks this choice: why it is right or wrong.":
        "Verschijnt nadat de deelnemer dit antwoord kiest: waarom het juist of onjuist is.",
    "One of the three learning phases.": "Een van de drie fasen van het traject.",
    "Overrides the default name (Preparation, Learning, Application).":
        "Vervangt de standaardnaam (Voorbereiding, Leerfase, Toepassing).",
    "What this phase is for, shown on the phase page. Markdown.":
        "Waar deze fase voor is, op de pagina van de fase. Markdown.",
    "The activities of this phase, in the order learners take them.":
        "De activiteiten van deze fase, in de volgorde waarin deelnemers ze doen.",
    "How one Kirkpatrick level is measured.": "Hoe je één niveau van Kirkpatrick meet.",
    "How this level is measured.": "Hoe je dit niveau meet.",
    "When it is measured.": "Wanneer je het meet.",
    "One run of the journey (schema.org CourseInstance) with a start date and time zone.":
        "Eén uitvoering van het traject (schema.org CourseInstance) met een startdatum en tijdzone.",
    "Stable id of this run of the journey.": "Vaste id van deze uitvoering van het traject.",
    "Name of the run as learners see it.": "Naam van de uitvoering zoals deelnemers die zien.",
    "First day of the journey for this cohort (YYYY-MM-DD).": "Eerste dag van het traject voor dit cohort (JJJJ-MM-DD).",
    "IANA time zone of the sessions' times.": "IANA-tijdzone van de tijden van de sessies.",
    "Per session id (or meeting id of a series, `intervisie-3`): the real date, times, place or"
    " facilitator for this cohort, or `cancelled: true`.":
        "Per sessie-id (of id van een bijeenkomst uit een reeks, `intervisie-3`): de echte datum,"
        " tijden, plaats of begeleider voor dit cohort, of `cancelled: true`.",
    "How many learners the cohort takes.": "Hoeveel deelnemers het cohort kan plaatsen.",
    "Last day to enrol (YYYY-MM-DD).": "Laatste dag om je in te schrijven (JJJJ-MM-DD).",
    "Groups within the cohort (intervision group A, B, C). Activities with `per_group: true` meet per"
    " group, with the group's place, time, facilitator and dates; a learner picks their group once on"
    " the site.":
        "Groepen binnen het cohort (intervisiegroep A, B, C). Activiteiten met `per_group: true` komen"
        " per groep bijeen, met de plaats, tijd, begeleider en data van de groep; een deelnemer kiest"
        " één keer op de site zijn of haar groep.",
    "What is different for this cohort's run of one session.":
        "Wat er bij dit cohort anders is aan één sessie.",
    "Real date of this session (YYYY-MM-DD), overriding the day in the design.":
        "Echte datum van deze sessie (JJJJ-MM-DD), in plaats van de dag uit het ontwerp.",
    "Local start time (HH:MM).": "Plaatselijke begintijd (UU:MM).",
    "Local end time (HH:MM).": "Plaatselijke eindtijd (UU:MM).",
    "Where this cohort meets for this session.": "Waar dit cohort voor deze sessie bijeenkomt.",
    "Who leads this session for this cohort.": "Wie deze sessie voor dit cohort begeleidt.",
    "Name of the session for this cohort, when it differs.":
        "Naam van de sessie voor dit cohort, als die afwijkt.",
    "True when this meeting does not take place for this cohort or group.":
        "`true` als deze bijeenkomst voor dit cohort of deze groep niet doorgaat.",
    "A group within a cohort that meets on its own.": "Een groep binnen een cohort die apart bijeenkomt.",
    "Stable id of the group within the journey.": "Vaste id van de groep binnen het traject.",
    "Name of the group as learners see it.": "Naam van de groep zoals deelnemers die zien.",
    "Who leads the group's meetings.": "Wie de bijeenkomsten van de groep begeleidt.",
    "Where the group meets.": "Waar de groep bijeenkomt.",
    "The group's start time (HH:MM).": "Begintijd van de groep (UU:MM).",
    "The group's end time (HH:MM).": "Eindtijd van de groep (UU:MM).",
    "The group meets this many days after (or, negative, before) the design's day.":
        "De groep komt zoveel dagen na (of, negatief, vóór) de dag uit het ontwerp bijeen.",
    "Per session or meeting id: what is different for this group (a date, a room) or `cancelled: true`.":
        "Per sessie- of bijeenkomst-id: wat er voor deze groep anders is (een datum, een zaal) of"
        " `cancelled: true`.",
    "Stable id, unique in the journey: used in page addresses and to keep a learner's progress when the"
    " journey is republished. Change it only when the activity really changes.":
        "Vaste id, uniek in het traject: staat in de webadressen van de pagina's en houdt de voortgang"
        " van deelnemers vast als het traject opnieuw verschijnt. Verander hem alleen als de"
        " activiteit echt verandert.",
    "Name of the activity as learners see it.": "Naam van de activiteit zoals deelnemers die zien.",
    "What kind of activity this is; decides which other fields apply.":
        "Wat voor activiteit dit is; bepaalt welke andere velden gelden.",
    "What the activity is about and why it matters to the learner. Markdown.":
        "Waar de activiteit over gaat en waarom ze ertoe doet voor de deelnemer. Markdown.",
    "Time a learner spends, as `15m`, `1h30m`, `2h`, `1d` (a working day of 8 hours) or ISO 8601"
    " `PT1H30M` (schema.org timeRequired).":
        "Tijd die een deelnemer eraan besteedt, als `15m`, `1h30m`, `2h`, `1d` (een werkdag van 8 uur)"
        " of ISO 8601 `PT1H30M` (schema.org timeRequired).",
    "How and where it happens (schema.org courseMode): online, classroom, virtual-classroom, on-the-job,"
    " at-home or blended.":
        "Hoe en waar het gebeurt (schema.org courseMode): online, classroom (klassikaal),"
        " virtual-classroom (virtueel klaslokaal), on-the-job (op de werkplek), at-home (thuis) of"
        " blended.",
    "Ids of the learning objectives this activity serves (schema.org teaches).":
        "Ids van de leerdoelen waaraan deze activiteit werkt (schema.org teaches).",
    "Ids of activities to finish first (schema.org coursePrerequisites). They must be in the same or an"
    " earlier phase.":
        "Ids van activiteiten die eerst af moeten zijn (schema.org coursePrerequisites). Ze staan in"
        " dezelfde of een eerdere fase.",
    "True when the learner may skip this activity.": "`true` als de deelnemer deze activiteit mag overslaan.",
    "Week of the journey in which the activity is planned (or opens); week 1 starts on the cohort's"
    " start date. Week 0 is the week before the start (an intake, pre-work), -1 the week before that.":
        "Week van het traject waarin de activiteit gepland staat (of opengaat); week 1 begint op de"
        " startdatum van het cohort. Week 0 is de week voor de start (een intake, voorbereiding), -1"
        " de week daarvoor.",
    "For an activity that runs over a period: the last week it is open (with `week` as the first). A"
    " year-long assignment: `week: 1`, `until_week: 52`.":
        "Voor een activiteit die een periode loopt: de laatste week dat ze open is (met `week` als de"
        " eerste). Een opdracht van een jaar: `week: 1`, `until_week: 52`.",
    "The week by whose end the activity must be done; the agenda shows it as a deadline.":
        "De week aan het eind waarvan de activiteit af moet zijn; de agenda toont die als deadline.",
    "Lets a learner who can already show what this activity teaches mark it \"I can already show this\""
    " with evidence instead of doing it (recognition of prior learning, EVC): say what evidence counts."
    " It counts for progress and shows in the portfolio.":
        "Laat een deelnemer die al kan laten zien wat deze activiteit leert, haar afvinken met \"Dit kan"
        " ik al laten zien\" en bewijs, in plaats van haar te doen (erkenning van verworven"
        " competenties, EVC): beschrijf welk bewijs telt. Het telt mee voor de voortgang en staat in"
        " het portfolio.",
    "What the learner's manager does around this activity: what to discuss, when, what to look for."
    " Gathered on the journey's page for managers. Markdown.":
        "Wat de leidinggevende van de deelnemer rond deze activiteit doet: wat bespreken, wanneer,"
        " waar op letten. Verzameld op de pagina voor leidinggevenden van het traject. Markdown.",
    "A short self-paced module (microlearning), with content inline or from a Markdown file and an"
    " optional knowledge check.":
        "Een korte module in eigen tempo (microlearning), met de inhoud in het bestand of uit een"
        " Markdown-bestand en eventueel een kennischeck.",
    "The module's content, inline. Markdown.": "De inhoud van de module, hier uitgeschreven. Markdown.",
    "A Markdown file with the content, relative to this journey file; it must stay inside the journeys"
    " folder.":
        "Een Markdown-bestand met de inhoud, ten opzichte van dit trajectbestand; het moet binnen de"
        " map met trajecten blijven.",
    "Short questions the learner answers in the page.": "Korte vragen die de deelnemer op de pagina beantwoordt.",
    "A classroom or virtual session led by a facilitator (klassikaal).":
        "Een klassikale of virtuele bijeenkomst onder leiding van een begeleider.",
    "Who leads the workshop (begeleider, trainer).": "Wie de workshop leidt (begeleider, trainer).",
    "Meetings with a day and time relative to the start; cohorts turn them into real dates.":
        "Bijeenkomsten met een dag en tijd ten opzichte van de start; cohorten maken er echte data van.",
    "True when each group of a cohort meets on its own (intervision groups A, B, C), with the group's"
    " place, time, facilitator and dates; false for one meeting of the whole cohort.":
        "`true` als elke groep van een cohort apart bijeenkomt (intervisiegroep A, B, C), met de"
        " plaats, tijd, begeleider en data van de groep; `false` voor één bijeenkomst met het hele"
        " cohort.",
    "The programme, item by item: a clock time as designed (`time`) or a length (`minutes`). The"
    " facilitator's run sheet turns it into clock times from each meeting's real start; `session` ties"
    " an item to one session of several.":
        "Het programma, onderdeel voor onderdeel: een kloktijd zoals ontworpen (`time`) of een duur"
        " (`minutes`). Het draaiboek van de begeleider rekent dat om naar kloktijden vanaf het echte"
        " begin van elke bijeenkomst; `session` koppelt een onderdeel aan één van meer sessies.",
    "How long the item takes; later items without a time follow it.":
        "Hoe lang het onderdeel duurt; latere onderdelen zonder tijd volgen erop.",
    "The id of the session this item belongs to (default: every session).":
        "De id van de sessie waar dit onderdeel bij hoort (zonder id: elke sessie).",
    "Start time of the item (HH:MM).": "Begintijd van het onderdeel (UU:MM).",
    "What happens.": "Wat er gebeurt.",
    "Ids of activities to complete before the workshop.": "Ids van activiteiten die voor de workshop af moeten zijn.",
    "A moment to reflect (reflectiemoment), with prompts the learner answers in a personal journal.":
        "Een reflectiemoment, met vragen die de deelnemer in een persoonlijk logboek beantwoordt.",
    "Questions the learner reflects on; each gets its own text box.":
        "Vragen waarop de deelnemer reflecteert; elke vraag krijgt een eigen tekstvak.",
    "Ask someone for feedback as part of this reflection.": "Vraag bij deze reflectie iemand om feedback.",
    "Who the learner asks for feedback: one, or a list of several.":
        "Aan wie de deelnemer feedback vraagt: één persoon, of een lijst van meer.",
    "A ready-to-copy request the learner can send. `{start}` in it becomes the start date of the"
    " learner's cohort.": "Een verzoek dat de deelnemer kan kopiëren en versturen. `{start}` erin wordt"
    " de startdatum van het cohort van de deelnemer.",
    "The id of an activity with meetings (an intervision group, coaching): the learner then writes one"
    " journal entry after each of its meetings, each dated. Written once, it follows every meeting,"
    " also when a cohort moves one.":
        "De id van een activiteit met bijeenkomsten (een intervisiegroep, coaching): de deelnemer"
        " schrijft dan na elke bijeenkomst een eigen, gedateerde reflectie. Eén keer beschreven, volgt"
        " het elke bijeenkomst, ook als een cohort er een verplaatst.",
    "A peer consultation group (intervisie) that meets several times.":
        "Een intervisiegroep die een aantal keer bijeenkomt.",
    "The intervision method used.": "De intervisiemethode.",
    "Number of participants per group.": "Aantal deelnemers per groep.",
    "Who leads the group's meetings (begeleider).": "Wie de bijeenkomsten van de groep begeleidt.",
    "One-to-one coaching, planned or on demand (a coaching hour right before a hard conversation).":
        "Individuele coaching, gepland of op afroep (een coachingsuur vlak voor een lastig gesprek).",
    "`one-to-one` for planned sessions, `group` for team or group coaching, `on-demand` for a coaching"
    " hour the learner books when needed.":
        "`one-to-one` voor geplande individuele sessies, `group` voor team- of groepscoaching,"
        " `on-demand` voor een coachingsuur dat de deelnemer boekt wanneer het nodig is.",
    "Who coaches (a name or a pool).": "Wie coacht (een naam of een pool van coaches).",
    "How the learner books a session. Markdown.": "Hoe de deelnemer een sessie plant. Markdown.",
    "A task in the learner's own work (werkend leren), with a deliverable and evidence for the portfolio.":
        "Een opdracht in het eigen werk van de deelnemer (werkend leren), met iets om op te leveren en"
        " bewijs voor het portfolio.",
    "What the learner does at work. Markdown.": "Wat de deelnemer in het werk doet. Markdown.",
    "What the learner hands in or shows.": "Wat de deelnemer inlevert of laat zien.",
    "Who looks at the result and gives feedback.": "Wie naar het resultaat kijkt en feedback geeft.",
    "What the learner keeps in their own portfolio to show performance.":
        "Wat de deelnemer in het eigen portfolio bewaart om te laten zien wat hij of zij kan.",
    "The learner's own portfolio: evidence and reflections per objective, gathered in their browser and"
    " exported for a development conversation (employee-led learning).":
        "Het eigen portfolio van de deelnemer: bewijs en reflecties per leerdoel, verzameld in de eigen"
        " browser en geëxporteerd voor een ontwikkelgesprek (leren in eigen regie).",
    "What the learner gathers and how they prepare the conversation. Markdown.":
        "Wat de deelnemer verzamelt en hoe hij of zij het gesprek voorbereidt. Markdown.",
    "Ids of the objectives the learner shows evidence for (default: all of them).":
        "Ids van de leerdoelen waarvoor de deelnemer bewijs laat zien (zonder deze lijst: allemaal).",
    "Who the learner discusses the portfolio with.": "Met wie de deelnemer het portfolio bespreekt.",
    "Something to read, watch or follow: an article, video, e-learning or book.":
        "Iets om te lezen, te bekijken of te volgen: een artikel, video, e-learning of boek.",
    "What sort of resource this is.": "Wat voor bron dit is.",
    "Who made it.": "Wie de bron maakte.",
    "A social space where learners meet, ask and share across all phases.":
        "Een plek waar deelnemers elkaar in alle fasen ontmoeten, vragen stellen en kennis delen.",
    "Where the community lives.": "Waar de community te vinden is.",
    "One step of a phase. `type` decides which fields apply.":
        "Eén stap in een fase. `type` bepaalt welke velden gelden.",
    "Design advice (warnings LJ301-LJ312) that does not apply to this activity on purpose:"
    " `journeys validate` no longer gives it here. Say why in a comment.":
        "Ontwerpadvies (waarschuwingen LJ301-LJ312) dat bewust niet voor deze activiteit geldt:"
        " `journeys validate` geeft het hier niet meer. Zet in een opmerking waarom.",
    "Design advice (warnings LJ301-LJ312) that does not apply to this journey on purpose:"
    " `journeys validate` no longer gives it anywhere in the journey. Say why in a comment.":
        "Ontwerpadvies (waarschuwingen LJ301-LJ312) dat bewust niet voor dit traject geldt:"
        " `journeys validate` geeft het nergens in het traject meer. Zet in een opmerking waarom.",
}


def add_dutch(node: Any) -> Any:
    """``node`` with ``x-title-nl`` / ``x-description-nl`` beside every title and description
    the catalogue translates (examples and enums are values, not documentation: left alone)."""
    if isinstance(node, list):
        return [add_dutch(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        out[key] = value if key in ("examples", "enum", "const", "default") else add_dutch(value)
        if key == "title" and isinstance(value, str) and value in TITLES:
            out["x-title-nl"] = TITLES[value]
        elif key == "description" and isinstance(value, str) and value in DESCRIPTIONS:
            out["x-description-nl"] = DESCRIPTIONS[value]
    return out
