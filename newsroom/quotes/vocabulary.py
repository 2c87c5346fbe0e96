"""Word lists the heuristics lean on. Lower-case; compare with `str.casefold()`."""

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _words(
    """
    said says added adds told tells explained explains insisted insists admitted admits claimed claims
    stated states remarked remarks revealed reveals declared declares continued continues noted notes
    commented comments replied replies asked asks joked jokes warned warns stressed stresses conceded
    concedes confirmed confirms argued argues acknowledged acknowledges wrote writes recalled recalls
    reflected reflects suggested suggests quipped quips responded responds answered answers urged urges
    vowed vows promised promises predicted predicts concluded concludes exclaimed exclaims reiterated
    reiterates announced announces posted tweeted mused muses enthused enthuses raged rages fumed fumes
    beamed smiled laughed sighed shrugged lamented laments boasted boasts cautioned cautions hinted hints
    reckoned reckons recounted recounts countered counters retorted retorts snapped snaps grumbled grumbles
    complained complains pleaded pleads demanded demands declared described describes assured assures
    offered observed observes pointed points emphasised emphasized emphasises emphasizes underlined
    stressed signalled signaled wondered wonders agreed agrees protested protests quoted wrote texted
    messaged blasted blasts hailed hails praised praises slammed slams joked quipped revealed gushed
    mused added acknowledged affirmed ventured admitted joked cried shouted yelled whispered murmured spoke
    """
)
# Words that often stand between a subject and its verb: "Moyes has declared", "she would later say".
AUXILIARIES = _words("has had have was is were are will would could did does do 's also")
# Speech verbs in their plain form, a speech verb only after an auxiliary: "did acknowledge", "would admit".
BASE_SPEECH_VERBS = _words(
    """
    say tell add admit insist acknowledge concede claim explain reveal confirm suggest stress accept agree warn
    predict describe
    """
)
AUXILIARIES_BEFORE_BASE = _words("did does do would will could can might may must should")
# Nouns that name what someone said, in possessive attributions ("Reyes's verdict:", "in Reyes's words,") and
# in "That was the verdict of Pat Reyes."
SPEECH_NOUNS = _words(
    """
    verdict words view views message assessment reaction response thoughts explanation admission summary take
    reply answer analysis warning plea promise statement
    """
)
# Words that open a relative clause: "Pat Reyes, who joined in 2019, said".
RELATIVES = _words("who whose whom which")
# Verbs no rule of thumb ("-ed", "-s") recognises, for the open verb slot after an unfinished quote.
IRREGULAR_VERBS = _words("said told wrote spoke thought felt put went began saw knew kept meant sang swore")
# Titles kept with a name: "Sir Alex Ferguson", "Dr. Pat Reyes", "Lt. Jane Smith".
TITLES = _words("sir dame lord lady dr mr mrs ms mx prof lt col gen capt sgt maj cpl rev fr sr jr st")
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = TITLES | _words("no vs v etc approx inc ltd co corp dept univ")

# Verbs whose listener belongs in the attribution: "told reporters".
TELLING_VERBS = frozenset({"told", "tells"})
# Words that end a listener: "told reporters on Monday", "told the press after the game".
CLAUSE_WORDS = _words("on after before at in when that as following during ahead while and but")

# Nouns that name a person by what they do: "captain Lou Marsh", "Pat Reyes, Ruritania coach,".
ROLE_NOUNS = _words(
    """
    captain skipper coach manager boss midfielder defender goalkeeper keeper striker forward winger
    full-back fullback centre-back center-back playmaker attacker player teammate team-mate substitute
    star veteran international referee president chairman chairwoman chief director owner executive
    spokesman spokeswoman spokesperson agent pundit analyst commentator assistant trainer physio doctor
    coordinator minister official legend youngster teenager prodigy debutant newcomer signing
    """
)

# Bodies that speak through statements: "the club said in a statement" attributes the words to no person.
ORGANISATION_NOUNS = _words(
    """
    club clubs board federation association league committee ministry government organisation organization
    company statement union side
    """
)

DETERMINERS = _words("the a an his her their its our my your this that")

# Words that may stand between a determiner and a role: "the former Ruritania midfielder Lou Marsh".
MODIFIERS = _words(
    """
    former new current head assistant veteran interim caretaker outgoing incoming departing club team
    national young experienced injured ex long-serving
    """
)

# Adverbs allowed between a subject and its verb: "Reyes later said".
ADVERBS = _words("also later then again afterwards simply once just previously recently earlier still")

PRONOUNS = frozenset({"he", "she"})
# Subjects that attribute a quote to nobody in particular.
GROUP_PRONOUNS = frozenset({"they", "we", "i", "you"})

# Lower-case words inside names: "Virgil van Dijk", "Rafael van der Vaart".
PARTICLES = _words("de del della da di do dos das van von der den le la ten ter bin al el")

# Capitalised words that start sentences, not names: stripped from the front of a run of capitals.
CAPITAL_STOPWORDS = _words(
    """
    the a an and but or so yet for nor if when while after before as at in on of to by from with
    without since until during despite although though because however meanwhile then now still also
    just yesterday today tomorrow tonight last next this that these those there here his her their our
    my your its he she it they we i you who what where why how which all both each every some many most
    few one two three four five six seven eight nine ten first second third only even not no yes asked
    speaking according later earlier instead indeed moreover afterwards afterward finally nobody everybody
    everyone someone somebody anyone anybody none
    """
)

AGE = re.compile(r"\d+-year-old", re.IGNORECASE)

_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "on Monday", "on 9 May", "on May 9": the day an attribution dates the words to.
ON_DAY = re.compile(rf"\bon\s+(?P<day>(?:{_DAYS})|\d{{1,2}}\s+(?:{_MONTHS})|(?:{_MONTHS})\s+\d{{1,2}})\b")
