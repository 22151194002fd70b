"""Which kind of section a heading opens, from the many ways postings word their headings.

The table is the one place that knows "What you'll do" and "Your impact" both open the
responsibilities, "Nice to have" the preferred qualifications, "About Acme" the company's own text.
A heading matches when its whole text (without a trailing colon) is one of the patterns.
"""

import re
from enum import StrEnum


class SectionKind(StrEnum):
    PREAMBLE = "preamble"  # what comes before the first heading
    RESPONSIBILITY = "responsibility"
    QUALIFICATION = "qualification"
    PREFERRED = "preferred"
    BENEFIT = "benefit"
    ABOUT_ROLE = "about_role"  # prose about the role or the team: the summary
    ABOUT_COMPANY = "about_company"
    EQUAL_OPPORTUNITY = "equal_opportunity"
    NOTE_TO_APPLICANTS = "note_to_applicants"
    IN_OFFICE = "in_office"
    PAY = "pay"
    LOCATION = "location"
    DETAILS = "details"  # "Key facts", "Practical information": start, duration, place
    APPLICATION_FORM = "application_form"  # "Apply for this job": field labels, not the posting
    COMPANY_OFFICES = "company_offices"  # "Our offices", "Acme Offices": all of the company's
    OTHER = "other"  # a heading nobody here knows


REQUIREMENT_SECTIONS = (
    SectionKind.RESPONSIBILITY,
    SectionKind.QUALIFICATION,
    SectionKind.PREFERRED,
    SectionKind.BENEFIT,
)

_YOULL = r"you(?:'ll| will|'d| would)?"
_WE_RE = r"we(?:'re| are)"
_NOT_ROLE = (
    r"(?!(?:the |this |our |your )?(?:role|team|teams|internship|internships|intern|interns|job|"
    r"position|program|programme|opportunity|you|this|work|project|projects)\b)"
)

HEADING_PATTERNS = {
    SectionKind.RESPONSIBILITY: [
        rf"what {_YOULL} (?:do|be doing|work on|achieve|build|own)",
        r"what (?:are you going to|will you) (?:do|be doing|work on)",
        r"(?:key |main |your |core |job |primary |role )?responsibilities(?: include)?",
        r"(?:the |your )?role",
        r"(?:your |the )?impact",
        r"(?:what|how) you(?:'ll| will) (?:contribute|make an impact)",
        r"in this role,? you(?:'ll| will)(?: get to)?",
        r"as an? .{0,40}intern,? you(?:'ll| will)",
        r"you(?:'ll| will)",
        r"(?:a )?day[- ]to[- ]day|(?:a )?day in the life",
        r"duties|(?:your |key |main )?tasks|(?:the |your )?mission",
        r"what the (?:job|role|internship) involves",
        r"(?:possible |example |sample )?projects(?: you might work on| include)?",
        r"(?:possible |example |sample )?project(?: you might work on| includes?)",
        r"(?:the )?work you(?:'ll| will) do|what will you do|what will you be doing|missions?",
        r"(?:essential |key )?(?:duties|functions)(?: (?:and|&) responsibilities)?",
        # German, French and Dutch postings: "Deine Aufgaben", "Vos missions", "Wat ga je doen"
        r"(?:deine|ihre|die) aufgaben|aufgaben(?:bereich|gebiet)?|das erwartet dich|"
        r"(?:vos |tes )?(?:missions|tâches)|(?:jouw |je )?taken|wat ga je doen",
    ],
    SectionKind.PREFERRED: [
        r"(?:preferred|desired|additional|bonus|desirable) (?:qualifications|skills|experience)",
        r"preferred|desirable",
        r"nice[- ]to[- ]haves?|good to have|bonus(?: points)?|pluses|extra credit",
        r"(?:it would|it'd) be (?:great|nice|a plus) if(?: you(?: have)?)?",
        r"(?:it's|it is) (?:a )?(?:plus|bonus) if(?: you(?: have)?)?",
        r"(?:even )?better if(?: you(?: have)?)?|ideally,? you(?:'ll)? have",
        r"you (?:might|may) also have|what sets you apart|stand out(?: if you have)?",
        r"ways to stand out(?: from the crowd)?|desirable criteria",
        r"les plus|(?:vos )?atouts|(?:ce serait )?un plus|pluspunkte|wünschenswert",
    ],
    SectionKind.QUALIFICATION: [
        rf"what {_WE_RE} looking for|who {_WE_RE} looking for",
        r"(?:minimum |basic |required |key |job |candidate |your )?(?:qualifications|requirements)",
        r"requirements (?:and|&) qualifications|qualifications (?:and|&) requirements",
        r"(?:skills|experience) (?:and|&) qualifications",
        r"qualifications (?:and|&) (?:skills|experience)",
        r"you have|you(?:'ll| will)? need|what you(?:'ll| will)? need(?: to succeed)?",
        rf"what {_YOULL} bring|what you bring to the table|you bring",
        r"who you are|about you|you are|your (?:profile|background|skills|experience)",
        r"(?:required |technical |key )?skills(?: (?:and|&) experience)?|must[- ]haves?",
        r"(?:the )?ideal candidate|you (?:might|may) be a (?:good |great )?fit if(?: you)?",
        r"we(?:'d| would) love to hear from you if(?: you)?|you should (?:have|be)",
        r"eligibility(?: requirements)?|who can apply|what we expect(?: from you)?",
        r"(?:your |candidate )?profile|what (?:do )?we ask(?: of you)?|what we need to see",
        r"(?:essential|required|minimum|selection) criteria|person specification",
        r"who (?:are|should) you|what you need to (?:have|bring)",
        r"(?:dein|ihr) profil|was du mitbringst|was sie mitbringen|das bringst du mit|"
        r"(?:votre |ton )?profil(?: recherché)?|(?:jouw |je )?profiel|wat vragen (?:wij|we)|"
        r"wie ben jij",
    ],
    SectionKind.BENEFIT: [
        r"(?:our |the |intern |internship )?(?:benefits|perks)(?: (?:and|&) (?:benefits|perks))?",
        rf"what (?:do )?we offer|what {_YOULL} get|what's in it for you|we offer|our offer",
        r"why you(?:'ll| will) love it|(?:compensation|pay|salary) (?:and|&) (?:benefits|perks)",
        r"why (?:intern|work|join|interning|working)(?: (?:at|with|for))? .+|why join us|why us",
        r"(?:was )?wir bieten(?: dir| ihnen)?|das bieten wir(?: dir)?|"
        r"(?:ce que )?nous (?:vous )?offrons|(?:wat )?(?:wij|we) bieden|wat bieden (?:wij|we)",
        rf"why {_NOT_ROLE}(?!(?:we|now|it|apply|me)\b)(?!.*\bmatters?$)[\w&.'-]+(?: [\w&.'-]+)?",
    ],
    SectionKind.ABOUT_ROLE: [
        r"about (?:the |this |our )?(?:role|position|job|internship|opportunity|program|team)",
        r"(?:the )?opportunity|the (?:team|internship|program)",
        r"(?:job |role |position |internship )?(?:description|overview|summary)",
        r"meet the team|our team|the team you(?:'ll| will) join",
        # "Project": a paragraph on the lab's project, which the duties below then break down.
        r"(?:the |your |research )?project(?: description| overview| summary)?",
    ],
    SectionKind.EQUAL_OPPORTUNITY: [
        r"(?:our )?commitment to (?:inclusion|diversity|equal opportunity).*",
        r"(?:equal (?:employment )?opportunity|eeo)(?: employer| statement| policy)?",
        r"diversity(?:,? equity)?(?:,? (?:and|&) inclusion)?(?: (?:and|&) belonging)?",
        r"(?:reasonable )?accommodations?|equal opportunities",
    ],
    SectionKind.NOTE_TO_APPLICANTS: [
        r"(?:a |an important )?note(?: to (?:applicants|candidates))?|please note",
        r"how to apply|application process|before you apply|to apply",
        r"(?:special )?instructions (?:to|for) (?:applicants|candidates)|application instructions",
    ],
    SectionKind.IN_OFFICE: [
        r"in[- ]office (?:requirement|expectation|policy)s?(?: statement)?",
        r"(?:hybrid|remote|flexible) work(?: policy| statement)?",
        r"work(?:place)? (?:arrangement|model)",
        r"where you(?:'ll| will) work|how we work|work(?:ing)? from (?:the )?office|"
        r"(?:office|on-?site) (?:policy|requirements?)|work(?:ing)? model",
    ],
    SectionKind.PAY: [
        r"(?:pay|salary|compensation|wage|stipend)(?: (?:range|transparency|information|details))?",
        r"(?:base )?(?:pay|salary|compensation) (?:range|band)s?",
        r"(?:pay|salary) transparency(?: statement)?",
    ],
    SectionKind.LOCATION: [
        r"(?:office |work |job |primary |internship |position )?locations?|where|based in",
        r"place of work",
    ],
    SectionKind.DETAILS: [
        r"key (?:facts|dates|details|information)|practical(?: information| details)?|logistics",
        r"(?:the |internship |program |position |job )?(?:details|information|facts)",
        r"at a glance|(?:visa )?sponsorship|dates|timeline|posting details",
    ],
    SectionKind.APPLICATION_FORM: [
        r"apply for this (?:job|position|role|internship)|application form",
        r"submit (?:your )?application",
        r"supplemental questions|similar jobs.*|set alert for similar jobs|people also viewed",
        r"(?:more|other|related|recommended|suggested) (?:jobs|openings|positions)(?: .+)?",
        r"jobs you (?:may|might) (?:like|be interested in)",
    ],
    SectionKind.ABOUT_COMPANY: [
        r"about us|who we are|who are we|(?:the |our )?company|company (?:overview|description)",
        r"über uns|wer wir sind|(?:à|a) propos de nous|qui sommes-nous|over ons|"
        r"wie zijn (?:wij|we)",
        rf"about {_NOT_ROLE}.+",
        r"our (?:story|mission)|life at .+",
    ],
    SectionKind.COMPANY_OFFICES: [r"(?:our |other |.+ )?offices(?: (?:around|across) the world)?"],
}

_COMPILED = [
    (kind, re.compile("|".join(f"(?:{p})" for p in patterns)))
    for kind, patterns in HEADING_PATTERNS.items()
]


def normalized(heading: str) -> str:
    """Lowercase, straight apostrophes, no trailing colon or punctuation, no surrounding marks."""
    text = heading.casefold().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^[^\w(]+|[^\w)'?!.:]+$", "", text)  # "🧠 What you'll work on"
    return text.strip(" \t:;.!?*#-–—|").strip()


def heading_kind(heading: str) -> SectionKind:
    text = normalized(heading)
    for kind, pattern in _COMPILED:
        if pattern.fullmatch(text):
            return kind
    return SectionKind.OTHER


def is_known_heading(text: str) -> bool:
    return heading_kind(text) is not SectionKind.OTHER
