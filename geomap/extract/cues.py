"""The extractor's vocabularies: cue words and phrases, and what each one means.

Every rule in :mod:`geomap.extract.incidents` reads one of these tables, so extending the extractor to a
new weapon, a new claimant or a new way of saying "unverified" is adding a row here. Phrases are
lower case words separated by spaces; :class:`PhraseTable` finds them in a list of words.

>>> WEAPONS.find("they used mortars and a heavy machine gun".split())
[(2, 1, ('mortar', 'mortars')), (5, 3, ('small_arms', 'machine guns'))]
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from geomap import schema
from geomap.geocoding.names import SETTLEMENT_WORDS

__all__ = [
    "ACTOR_NOUNS", "ACTOR_VERBS", "ADVERB_COUNTS", "ATTACK_COUNT_NOUNS", "ATTACK_CUES", "AUXILIARIES",
    "BULLETIN_WORDS", "CASUALTY_NOUNS", "CASUALTY_WORDS", "CLAIMANT_NOUNS", "CONFIRMED_WORDS",
    "COUNT_FILLERS", "DATE_WORDS", "DIRECTION_WORDS", "EVENT_TYPES", "FACILITY_WORDS", "FIRING_VERBS",
    "GIVEN_NAMES", "HONORIFICS", "INTERCEPTS", "LOCAL_AUTHORITY_WORDS", "LOCATION_LINE_WORDS",
    "FUNCTION_WORDS", "LOCATIVE_BEFORE", "MEDIA", "MONTHS", "MOUNT_WORDS", "NEGATORS", "NOT_PLACES",
    "NO_CASUALTIES",
    "NUMBER_WORDS", "OPPOSITE", "ORG_WORDS", "PASSIVE_SITE_VERBS", "PLACE_FOLLOWERS", "PLACE_NOUNS",
    "PLACE_PREPOSITIONS", "RELATIVE_DATES", "RELATIVE_ENEMY", "ROAD_WORDS", "SIDED_WORDS", "SIDE_OF_WORD",
    "SIDE_PHRASES", "SIDE_WORDS", "TRANSIT_PREPOSITIONS",
    "SLAVIC_CASUALTIES", "SLAVIC_GLOSSES", "SLAVIC_NAME_FORMS",
    "SLAVIC_NONE_AFTER", "SLAVIC_NONE_BEFORE", "SLAVIC_NOT_COUNTED", "SLAVIC_NUMBERS", "SLAVIC_PERSONS",
    "SLAVIC_PHRASES", "SLAVIC_REGIONS", "SLAVIC_TOTALS",
    "SPEECH_VERBS", "TITLES", "TRANSFER_VERBS", "UNVERIFIED_WORDS",
    "VERIFICATION_WORDS", "VERIFY_WORDS", "WEAPONS", "WEAPON_WORDS", "WEEKDAYS",
    "CLUB_NAMES", "COUNTRY_ADJECTIVES", "DESTINATION_VERBS", "FOREST_WORDS", "INSTITUTION_WORDS",
    "ROUTE_WORDS", "VENUE_WORDS",
]


class PhraseTable:
    """Phrases (word tuples) -> payload; finds the longest phrase at each word, left to right.

    >>> t = PhraseTable({"grenade launcher": 1, "grenade": 2})
    >>> t.find(["a", "grenade", "launcher", "and", "grenade"])
    [(1, 2, 1), (4, 1, 2)]
    """

    def __init__(self, phrases: Mapping[str, Any]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for phrase, payload in phrases.items():
            key = tuple(phrase.split())
            self.by_first.setdefault(key[0], []).append((key, payload))
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        # For "does a sentence hold any?" tests: set.isdisjoint walks a dict key by key.
        self.first_words = frozenset(self.by_first)

    def find(self, low_words: list[str]) -> list[tuple[int, int, Any]]:
        """(first word index, number of words, payload) of each non-overlapping phrase."""
        if self.first_words.isdisjoint(low_words):  # the usual answer, without a loop in Python
            return []
        found = []
        end = 0  # where the last phrase found ends: the next may not start before
        # Only words that begin a phrase are tried (a sentence has few or none).
        for i in [i for i, w in enumerate(low_words) if w in self.by_first]:
            if i < end:
                continue
            for key, payload in self.by_first[low_words[i]]:
                if tuple(low_words[i:i + len(key)]) == key:
                    found.append((i, len(key), payload))
                    end = i + len(key)
                    break
        return found


def _forms(spec: str, payload: Any) -> dict[str, Any]:
    """'mortar(s)|mortar fire' -> each written form (with and without the bracketed ending)."""
    out = {}
    for phrase in spec.split("|"):
        if "(" in phrase:
            stem, rest = phrase.split("(", 1)
            ending, tail = rest.split(")", 1)
            out[(stem + tail).strip()] = payload
            out[(stem + ending + tail).strip()] = payload
        else:
            out[phrase.strip()] = payload
    return out


def _table(rows: Iterable[tuple[str, Any]]) -> PhraseTable:
    phrases: dict[str, Any] = {}
    for spec, payload in rows:
        phrases.update(_forms(spec, payload))
    return PhraseTable(phrases)


# -- what happened ------------------------------------------------------------------------------
# Event types, heaviest first: an incident naming several means gets the first of them.
EVENT_TYPES = schema.EVENT_TYPES

# Weapons named in reports -> (event type, weapon as listed in the ``weapons`` column).
WEAPONS = _table([
    ("artillery|artillery fire|howitzer(s)|cannon(s)|heavy weapon(s)|heavy gun(s)|heavy artillery|"
     "tank(s)|tank fire|152mm|122mm|152-mm|122-mm|self-propelled gun(s)", ("shelling", "artillery")),
    ("mortar(s)|mortar fire|mortar shell(s)|mortar round(s)|mortar bomb(s)|82mm|120mm|82-mm|120-mm",
     ("mortar", "mortars")),
    ("grad|grads|uragan|smerch|tornado|himars|mlrs|multiple rocket launcher(s)|"
     "multiple-launch rocket system(s)|rocket launcher(s)|rocket(s)|rocket fire", ("rocket", "rockets/MLRS")),
    ("missile(s)|cruise missile(s)|ballistic missile(s)|iskander|iskanders|kalibr|kh-101|kh-22|s-300|"
     "tochka-u|kinzhal|atgm|atgms|anti-tank missile(s)", ("missile", "missiles")),
    ("airstrike(s)|air strike(s)|air raid(s)|bomb(s)|aerial bomb(s)|guided bomb(s)|glide bomb(s)|"
     "warplane(s)|aircraft|helicopter(s)|fighter jet(s)|bomber(s)", ("airstrike", "aircraft/bombs")),
    ("drone(s)|uav|uavs|shahed|shaheds|geran|lancet|fpv drone(s)|quadcopter(s)|kamikaze drone(s)|"
     "loitering munition(s)", ("drone", "drones")),
    ("grenade launcher(s)|grenade-launcher(s)|grenade-launcher fire|ags|rpg|rpgs|spg-9|"
     "under-barrel grenade launcher(s)|grenade(s)", ("grenade_launcher", "grenade launchers")),
    ("machine gun(s)|machine-gun(s)|machine-gun fire|heavy machine gun(s)|large-calibre machine gun(s)",
     ("small_arms", "machine guns")),
    ("small arms|small-arms|small-arms fire|sniper(s)|sniper fire|rifle(s)|automatic weapons|gunfire",
     ("small_arms", "small arms")),
    ("mine(s)|landmine(s)|anti-tank mine(s)|ied|ieds|explosive device(s)|tripwire|booby trap(s)",
     ("mine", "mines")),
])
# Weapon names that are also place names somewhere ("Grad", "Tornado") are never places.
WEAPON_WORDS = WEAPONS.first_words

# Words that say an attack happened without naming the means: (strong?, event type).
# Strong cues can make an incident of a place that is not named ("the town was shelled");
# weak ones (fighting, casualties) only mark a named place as the site of an incident.
INTERCEPT_SPEC = "shot down|downed|intercepted|intercept(s)"
# Air defence reports ("shot down 9 of 13 drones"): an attack of its own, even where no place is named.
INTERCEPTS = _table([(INTERCEPT_SPEC, True)])
ATTACK_CUES = _table([
    ("shell(s)|shelled|shelling(s)|bombard(s)|bombarded|bombardment(s)|barrage(s)", (True, "shelling")),
    ("attack(s)|attacked|attacking|strike(s)|struck|hit|hits|fire|fired|firing|opened fire|"
     "targeted|explosion(s)|blast(s)|raid(s)|ceasefire violation(s)|assault(s)", (True, "other")),
    (INTERCEPT_SPEC, (True, "other")),  # air defence: an air attack happened
    ("fighting|clash(es)|battle(s)|combat|skirmish(es)|firefight(s)|offensive|killed|wounded|injured|"
     "died|dead|death(s)|death toll|kill(s)|wound(s)|destroyed|damaged|casualties|kia|wia", (False, "other")),
])

# Nouns that make a sentence about an unnamed place ("the town was shelled", "their territory").
PLACE_NOUNS = frozenset(
    """town towns village villages city cities settlement settlements territory territories area
    areas district neighbourhood neighborhood outskirts suburb suburbs positions position
    frontline front checkpoint""".split()
)

# Counting attacks: number words, and the nouns or "times" that make a number a count of attacks.
NUMBER_WORDS = {
    "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "dozen": 12, "dozens": 24,
}
ADVERB_COUNTS = {"once": 1, "twice": 2, "thrice": 3}
ATTACK_COUNT_NOUNS = frozenset(
    """times occasions attacks attack strikes strike incidents incident shellings shelling violations
    violation barrages assaults salvos salvo""".split()
)
COUNT_FILLERS = frozenset("separate more different further new additional such of".split())

# Casualties: the word after (or before) a number -> column. "killing two", "two were killed".
CASUALTY_WORDS = {
    "killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed", "dying": "killed",
    "killing": "killed", "lives": "killed", "fatalities": "killed",
    "wounded": "injured", "injured": "injured", "hurt": "injured", "injuries": "injured",
    "wounding": "injured", "injuring": "injured",
}
NO_CASUALTIES = _table([
    ("no casualties|no one was hurt|nobody was hurt|no one was injured|nobody was injured|"
     "no one was killed|nobody was killed|no injuries|without casualties|no one was wounded|"
     "nobody was wounded", "none"),
])
# Who is counted: nouns between the number and the casualty word ("two civilians were killed").
CASUALTY_NOUNS = frozenset(
    """people person civilians civilian soldiers soldier servicemen serviceman troops residents
    resident children child women men man woman fighters militants members officers officer
    troopers others workers volunteers""".split()
)

# -- who says so, who fired ---------------------------------------------------------------------
SPEECH_VERBS = frozenset(
    """said says say told tells reported reports report claimed claims claim stated states
    announced announces accused accuses accuse alleged alleges wrote writes posted tweeted added
    noted confirmed confirms insisted warned answered replied responded countered asserted
    maintained charged recorded observed heard saw""".split()  # the last four: monitors' reports
)
# Verbs whose subject is an actor when the subject is a place ("Moscow announced", "Kyiv has not
# recorded"): the speech verbs plus these.
ACTOR_VERBS = SPEECH_VERBS | frozenset(
    """denied denies deny recorded annexed backed launched sent demanded urged rejected blamed
    decided agreed refused signed wants want could would will should must plans plan insists
    recognised recognized responded condemned called pulled ordered threatened""".split()
)
# Verbs of giving: "to" the capital after them names the side that receives ("Germany will
# supply tanks to Kyiv", "hands over two bodies to Kiev"), not a place.
TRANSFER_VERBS = frozenset(
    """supply supplies supplied send sends sent deliver delivers delivered give gives gave hand
    hands handed transfer transfers transferred provide provides provided return returns
    returned pledge pledges pledged""".split()
)
AUXILIARIES = frozenset(("has have had has not is was were be been being also not n't "
                         "reportedly itself").split())
# Verbs of firing: a side named right before one of them, or after "by", is the attacker.
FIRING_VERBS = frozenset(
    """shelled shelling shell fired fire firing used using use launched launching struck strike
    attacked attack attacking hit hitting targeted opened bombarded bombed dropped""".split()
)
PASSIVE_SITE_VERBS = frozenset(
    "shelled hit struck attacked targeted bombarded bombed damaged destroyed stormed captured shot".split()
)

# Side of a claimant or attacker, from words in its phrase; the first row that matches wins,
# so "Russian-backed separatists" are separatists and "Ukraine's foreign minister" Ukraine.
# "enemy" and "occupiers" depend on who speaks and are resolved against the claimant's side.
SIDE_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("third_party", frozenset("""osce smm monitors monitor un ohchr icrc unicef who hrw amnesty
        observers observer""".split())),
    ("separatists", frozenset("""separatist separatists rebel rebels militants militia insurgents
        dpr lpr dnr lnr russian-backed moscow-backed pro-russian kremlin-backed proxies self-proclaimed
        pushilin pasechnik zakharchenko plotnitsky""".split())),
    ("ukraine", frozenset("""ukraine ukraine's ukrainian ukrainians kyiv kyiv's kiev kiev's afu zsu vsu """
                          """jfo ato
        naftogaz zelensky zelenskyy zelenskiy kuleba reznikov umerov syrskyi zaluzhnyi budanov
        poroshenko ukrinform ukroboronprom government""".split())),
    ("russia", frozenset("""russia russia's russian russians moscow moscow's kremlin putin peskov lavrov
        shoigu zakharova konashenkov gerasimov belousov tass ria interfax occupiers invaders
        rf occupation russian-installed moscow-installed kremlin-installed""".split())),
)
# word -> side, the first row of SIDE_WORDS naming the word
SIDE_OF_WORD: dict[str, str] = {}
for _side, _words in reversed(SIDE_WORDS):
    SIDE_OF_WORD.update(dict.fromkeys(_words, _side))
SIDED_WORDS = frozenset(SIDE_OF_WORD)  # the same words as a set, for fast set tests

# Multi-word names of one side's institutions (matched inside a phrase, lower case).
SIDE_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ukraine", ("joint forces operation", "anti-terrorist operation", "general staff",
                 "state emergency service")),
    ("russia", ("defence ministry of russia", "defense ministry of russia", "federal security service")),
)
RELATIVE_ENEMY = frozenset("enemy enemy's adversary opponent".split())
OPPOSITE = {"ukraine": "russia", "russia": "ukraine", "separatists": "ukraine"}

# Nouns that make a side word a group of people ("Ukrainian soldiers", "Russian forces").
ACTOR_NOUNS = frozenset(
    """forces force troops soldiers army military units unit servicemen artillery militants
    separatists rebels militia militias militiamen fighters gunmen side formations occupiers
    invaders enemy aviation navy gunners command ministry""".split()
)
# Title words of a bulletin whose author is named after "of"/"from" ("Update of the General Staff").
BULLETIN_WORDS = frozenset("update statement report summary briefing bulletin communique digest".split())
# Who passes a claim on rather than making it.
MEDIA = frozenset(
    """reuters ap afp associated press agence france-presse bbc cnn nbc abc cbs tass ria interfax
    ukrinform unian bloomberg guardian times post independent dpa anadolu euronews""".split()
)

# -- verification ---------------------------------------------------------------------------------
NEGATORS = frozenset("not no cannot can't couldn't could never unable impossible without n't".split())
VERIFY_WORDS = frozenset(
    """confirm confirmed confirming verify verified verifying corroborate corroborated
    corroborating""".split()
)
UNVERIFIED_WORDS = frozenset("unverified unconfirmed uncorroborated".split())
CONFIRMED_WORDS = frozenset("geolocated geo-located".split())

# -- when -----------------------------------------------------------------------------------------
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS.update({"sept": 9})
# Relative time phrases -> (days back of the window's start, days back of its end) from publication.
RELATIVE_DATES = _table([
    ("today|this morning|this afternoon|this evening|tonight|earlier today", (0, 0)),
    ("yesterday|last night|yesterday evening|yesterday morning|on the previous day", (1, 1)),
    ("overnight|during the night|at night|in the night", (1, 0)),
    ("in the past 24 hours|over the past 24 hours|in the last 24 hours|over the last 24 hours|"
     "during the past 24 hours|during the last 24 hours|past 24 hours|last 24 hours|past day|last day",
     (1, 0)),
    ("in the past 48 hours|over the past 48 hours|past two days|last two days", (2, 0)),
    ("past week|last week|this week|past seven days|last seven days|over the weekend|earlier this week|"
     "earlier in the week", (7, 0)),
])

# -- names that are not places ------------------------------------------------------------------
# Capitalised words the gazetteer may hold as a place but which in running text are not one.
NOT_PLACES = frozenset(
    """russia russian russians ukraine's ukrainian ukrainians belarus belarusian poland polish europe
    european america american americans nato eu un osce kremlin pentagon state states united
    union west western east eastern north northern south southern central minister president
    official officials government army armed forces general source sources update news there
    the this that these those we it they he she his her its our their small large many more some
    one two three four five six seven eight nine ten first second third day night police service
    council committee ministry defence defense security staff command center centre live new
    putin peskov lavrov shoigu medvedev biden blinken stoltenberg macron scholz zelensky zelenskyy
    zelenskiy kuleba reznikov poroshenko yanukovych pushilin pasechnik zakharchenko
    skhid pivnich pivden zakhid school hospital kindergarten lyceum gymnasium""".split()
)
# ("Skhid", "Pivden": east and south in Ukrainian, the names of operational groups and commands;
# "School No 57" would read as a spelling of the village Shkolne.)
# English function words: capitalised at the start of a sentence ("As reported", "At dawn") they
# are never a settlement, though a few villages bear such names (As in Crimea).
FUNCTION_WORDS = frozenset(
    "as at on in it if so no do be by an or up to of we he me my us is am and but for nor yet how who why"
    .split())
# Words before a name that make it a person ("Foreign Minister Dmytro Kuleba").
TITLES = frozenset(
    """mr mrs ms dr minister president premier gen general colonel col lt lieutenant major maj
    captain capt sergeant sgt commander spokesman spokeswoman spokesperson chief head governor
    mayor secretary-general secretary ambassador envoy deputy adviser advisor official
    correspondent reporter journalist presidents ministers""".split()
)
HONORIFICS = frozenset("mr mrs ms dr gen lt col sgt".split())
# Common given names: a gazetteer hit right after one of them is a surname.
GIVEN_NAMES = frozenset(
    """volodymyr vladimir dmytro dmitry dmitri oleksii oleksiy alexei alexey oleksandr alexander
    aleksandr sergei sergey serhii serhiy andrii andriy andrei andrey yurii yuriy yuri ivan petro
    pyotr pavlo pavel mykola nikolai viktor victor vitali vitaliy vitaly olena elena oksana olga
    iryna irina maria mariya natalia natalya tetiana tatiana anna kateryna ekaterina valerii
    valery denys denis maksym maxim roman ihor igor vadym vadim yevhen yevgeny evgeny ruslan
    bohdan kyrylo kirill leonid anatolii anatoly hennadii gennady taras vasyl vasily stepan
    antony anthony joe jens emmanuel olaf boris rishi vyacheslav viacheslav oleh oleg mykhailo
    mykhaylo mikhail yaroslav vladyslav vladislav artem eduard fedir fyodor hryhorii grigory
    kostiantyn konstantin liudmyla lyudmila svitlana svetlana yulia yuliia larysa larysa halyna
    galina valentyn valentin arsen rostyslav sviatoslav danylo daniil illia ilya maryna marina
    dariia daria khrystyna oleksandra yevheniia""".split()
)
# Adjectives that say whose an unnamed place is ("Ukrainian territory" is the country, "Russian
# territory" is abroad): ISO country codes.
COUNTRY_ADJECTIVES = {"ukrainian": "UA", "ukraine's": "UA", "russian": "RU", "russia's": "RU",
                      "belarusian": "BY", "polish": "PL", "moldovan": "MD", "romanian": "RO"}
# Where people meet or speak ("a briefing in Kyiv", "talks in Istanbul"): a place named as the venue
# is where something was said, not hit.
VENUE_WORDS = frozenset(
    """briefing briefings meeting meetings conference talks summit negotiations forum speech
    interview visit ceremony funeral parliament court trial hearing session exhibition concert""".split()
)
# Vehicles and journeys whose end points a report names ("a bus from Kramatorsk to Dnipro", "the
# train to Lviv"): the end points are not where the vehicle was hit.
ROUTE_WORDS = frozenset("bus buses minibus train trains convoy flight flights route trip journey".split())
# Verbs that send people somewhere after an attack ("evacuated to Zaporizhzhia", "buried in"):
# the destination is not the site.
DESTINATION_VERBS = frozenset(
    """evacuated evacuate evacuating taken moved fled flee relocated transported brought buried
    hospitalised hospitalized airlifted transferred""".split()
)
# Football clubs named after towns or villages ("Shakhtar Donetsk", "Zorya Luhansk"): a club is
# never where an attack happened, though villages bear some of these names.
CLUB_NAMES = frozenset("shakhtar zorya dynamo metalist chornomorets karpaty vorskla olimpik desna".split())
# Words after a unit's name that make it an institution, which sits in the town of that name
# ("the Kalynivka district council", "Kharkiv city council", "Donetsk railway"):
# the institution's seat is the town, not the unit.
INSTITUTION_WORDS = frozenset("administration council state military railway railways court".split())
# Capitalised words after a name that make it an organisation or a title, not a place ("Kyiv
# Post"); in lower case they may name a place's facility ("Uglegorsk post No. 3").
ORG_WORDS = frozenset(
    """post independent times news agency press radio tv television university institute
    fc club football team airlines air bank group company corporation holding foundation""".split()
)
# Words that end a facility's name after its town's ("Avdiivka Coke and Chemical Plant").
FACILITY_WORDS = frozenset(("plant factory works mine station airport port combine refinery depot "
                            "terminal").split())
# Words after a name that keep it a place ("Donetsk Airport", "Luhansk Oblast", "Zolote town").
PLACE_FOLLOWERS = SETTLEMENT_WORDS | frozenset(
    """oblast region raion rayon district airport station port bridge plant dam square hromada
    council direction directions axis sector checkpoint checkpoints crossing area""".split()
)
# Roads named after the town they lead to ("the Bakhmutka highway") and mountains ("Mount
# Karachun") are not that settlement either.
ROAD_WORDS = frozenset("highway motorway road route".split())
# Nor are forests named after a village ("the Serebrianske forestry").
FOREST_WORDS = frozenset("forest forestry woods".split())
MOUNT_WORDS = frozenset("mount mt".split())
# Words right before a place that make a spelling-variant (loose) match believable.
LOCATIVE_BEFORE = SETTLEMENT_WORDS | frozenset(("in at near of from to into outside around toward "
                                                "towards").split())
# The words a location line is made of besides its names ("near the village of X, Y district",
# "areas of the settlements of X and Y", "outskirts of X"): a sentence of only these and names
# says where, not what (see geomap.extract.incidents._location_fragment).
LOCATION_LINE_WORDS = frozenset(
    """in at near of from to outside around the a an and or between along on village villages
    town towns city settlement settlements vil smt township hamlet area areas vicinity outskirts
    outskirt suburb suburbs district districts raion rayon region regions oblast obl community
    direction directions sector axis km kilometres kilometers north south east west northern
    southern eastern western northeast northwest southeast southwest northeastern northwestern
    southeastern southwestern central centre center border""".split()
)
# Prepositions that place a name ("in Kyiv" is a place, "Kyiv said" an actor; "from" an origin).
PLACE_PREPOSITIONS = frozenset(
    "in at near from to into outside around toward towards on over through via".split())
# A route's places ("missiles flew through Chernihiv oblast", "a convoy via Zaporizhzhia"): passed
# through, not where anything hit.
TRANSIT_PREPOSITIONS = frozenset(("through", "via"))
# Nouns that make a phrase before "said" a claimant ("local officials said", "police said").
CLAIMANT_NOUNS = TITLES | frozenset(
    """officials authorities police prosecutors prosecutor administration office service
    staff sources source witnesses residents governor mayor spokesman spokeswoman leaders leader
    monitors mission headquarters""".split()
)
# Words after a town's name that make it a front sector ("the Bakhmut direction"), not the town.
DIRECTION_WORDS = frozenset("direction directions axis sector".split())
# Words of a claimant who speaks for the place attacked ("the regional governor", "city police",
# "local authorities"): with no side word, the claimant is on the side holding that place.
LOCAL_AUTHORITY_WORDS = frozenset(
    """regional local city town village oblast district governor mayor police prosecutors prosecutor
    administration authorities council emergency rescuers""".split()
)

# First words of every date expression (numbers aside), and every word the verification reader
# looks at: a sentence without any of them is not read for dates or verification at all.
DATE_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | frozenset(RELATIVE_DATES.by_first)
VERIFICATION_WORDS = VERIFY_WORDS | UNVERIFIED_WORDS | CONFIRMED_WORDS


# -- Ukrainian and Russian ------------------------------------------------------------------------
# Reports in Ukrainian and Russian are read by the same rules: each word is glossed by its
# dictionary form (geomap.geocoding.morphology) into the English cue word the tables above know
# ("обстріляли" -> "shelled", "РСЗО" -> "mlrs", "вчора" -> "yesterday", "у" -> "in"), and the
# rules run on the glosses while offsets, quotes and names stay as written. Rows: English gloss,
# then the Ukrainian and Russian dictionary forms (lower case, "'" for the apostrophe) it stands for.
def _glosses(rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for gloss, forms in rows:
        out.update(dict.fromkeys(forms.split(), gloss))
    return out


SLAVIC_GLOSSES: dict[str, str] = _glosses([
    # attacks
    ("shelled", """обстріл обстріляти обстрілювати обстрілювання гатити обстрел обстрелять обстреливать
        обстреливание"""),
    ("bombardment", "бомбардування бомбардувати бомбардировка бомбить бомбити"),
    ("struck", """удар ударити вдарити ударить ударять уразити уражати ураження поразить поражение
        скинути скидати сбросить сбрасывать атакувати атакуваний атаковать накрити накрыть"""),
    ("attack", "атака напад нападение"),
    ("hit", """влучання влучити влучення поцілити поцілювати попадание прилёт прилет приліт прилетіти
        прилетать прилететь"""),
    ("explosion", "вибух вибухи розрив взрыв разрыв"),
    ("fire", "вогонь огонь"),  # "під ворожим вогнем перебували ...": under enemy fire
    ("assault", "штурм штурмувати штурмовать"),
    ("offensive", "наступ наступление"),
    ("fighting", "бій бої бойовий бой бои боевой"),
    ("clashes", "зіткнення столкновение перестрілка перестрелка"),
    ("downed", "збити збивати знешкодити сбить сбивать"),
    ("intercepted", "перехопити перехоплення перехватить перехват"),
    ("destroyed", "зруйнувати знищити зруйнований знищений разрушить уничтожить разрушенный"),
    ("damaged", "пошкодити пошкоджений пошкодження повредить повреждение повреждённый повреждать"),
    ("launched", "запустити випустити запустить выпустить"),
    # casualties
    ("killed", "загинути вбити загибель погибнуть убить гибель"),
    ("dead", "загиблий мертвий погибший убитый"),
    ("wounded", "поранити поранений ранити ранить раненый"),
    ("wounds", "поранення ранение"),
    ("injured", """травмувати травмуватися травмований постраждати постраждалий травмировать
        травмированный пострадать пострадавший"""),
    ("casualties", "жертва жертви"),
    # weapons
    ("artillery", "артилерія артилерійський артиллерия артиллерийский сау"),
    ("cannon", "гармата пушка"),
    ("howitzer", "гаубиця гаубица"),
    ("tank", "танк танковий танковый"),
    ("mortars", "міномет мінометний миномёт миномет минометный миномётный"),
    ("mlrs", "рсзв рсзо реактивний реактивный"),
    ("grad", "град гради грады"),
    ("uragan", "ураган"),
    ("smerch", "смерч"),
    ("missile", "ракета ракетний ракетный"),
    ("cruise", "крилатий крылатый"),
    ("ballistic", "балістичний баллистический"),
    ("iskander", "іскандер искандер"),
    ("kalibr", "калібр-ракета"),
    ("shells", "снаряд"),
    ("kinzhal", "кинджал кинжал"),
    ("airstrike", "авіаудар авиаудар авіаналіт авианалет"),
    ("bomb", "бомба авіабомба авиабомба каб фаб упаб"),
    ("guided", "керований управляемый коригований корректируемый"),
    ("aircraft", "авіація авиация літак самолёт самолет"),
    ("helicopter", "гелікоптер вертоліт вертолёт вертолет"),
    ("drone", "дрон безпілотник беспилотник бпла бплa"),
    ("shahed", "шахед шахід"),
    ("geran", "герань"),
    ("lancet", "ланцет"),
    ("quadcopter", "квадрокоптер коптер"),
    ("rpg", "гранатомет гранатомёт гранатометний гранатометный рпг"),
    ("ags", "агс"),
    ("grenade", "граната"),
    ("machine-gun", "кулемет кулеметний пулемёт пулемет пулеметный"),
    ("sniper", "снайпер снайперський снайперский"),
    ("mine", "міна мина"),
    ("atgm", "птрк птур"),
    # place words
    ("village", "село селище-міського-типу"),
    ("settlement", "селище посёлок поселок пункт"),
    ("city", "місто город"),
    ("town", "містечко городок"),
    ("smt", "смт пгт"),
    ("oblast", "область обл"),
    ("raion", "район р-н"),
    ("area", "громада"),  # a hromada is named after its centre: the settlement is the place
    ("direction", "напрямок напрям направление"),
    ("outskirts", "околиця околица окраина передмістя пригород"),
    ("territory", "територія территория"),
    ("positions", "позиція позиции позиция"),
    ("km", "км кілометр километр"),
    ("north", "північ північніше север севернее"),
    ("south", "південь південніше юг южнее"),
    ("east", "схід східніше восток восточнее"),
    ("west", "захід західніше запад западнее"),
    # grammar words the rules read
    ("in", "у в во"),
    ("on", "на по"),
    ("near", "біля поблизу неподалік поруч під возле около вблизи под недалеко"),
    ("from", "з із зі від из со от"),
    ("to", "до к"),
    ("over", "над"),
    ("through", "через крізь сквозь"),
    ("between", "між между"),
    ("and", "і й та и"),
    ("or", "або чи или"),
    ("that", "що який котрий что который"),
    ("but", "але проте однак но однако"),
    ("also", "також теж также тоже"),
    ("not", "не ні ни"),
    ("without", "без"),
    ("least", "щонайменше менш менее"),
    ("times", "раз рази разів раза"),
    ("twice", "двічі дважды"),
    ("of", "населений населённый населенный"),
    # venues, journeys and destinations (the places they name are no sites), streets
    ("briefing", "брифінг брифинг"),
    ("talks", "переговори переговоры"),
    ("conference", "конференція конференция"),
    ("evacuated", "евакуювати эвакуировать"),
    ("buried", "поховати похоронить"),
    ("bus", "автобус"),
    ("train", "потяг поезд"),
    ("street", "вулиця улица"),
    ("forestry", "лісництво лесничество"),
    ("forest", "ліс лес"),
    ("avenue", "проспект"),
    ("lane", "провулок переулок"),
    ("boulevard", "бульвар"),
    # who speaks, who fires
    ("said", "заявити сказати заявляти заявить сказать заявлять зазначити зазначати отметить отмечать"),
    ("reported", "повідомити повідомляти сообщить сообщать інформувати информировать"),
    ("wrote", "написати написать"),
    ("told", "розповісти рассказать"),
    ("added", "додати уточнити добавить уточнить"),
    ("confirmed", "підтвердити подтвердить"),
    ("accused", "звинуватити звинувачувати обвинить обвинять"),
    ("denied", "заперечити заперечувати опровергнуть отрицать"),
    ("head", "голова глава начальник керівник руководитель очільник"),
    ("governor", "губернатор"),
    ("mayor", "мер міський-голова"),
    ("regional", "обласний областной"),
    ("city", "міський городской"),
    ("military", "військовий военный"),
    ("administration", "адміністрація администрация ова мва ода"),
    ("police", "поліція полиция"),
    ("prosecutors", "прокуратура прокурор"),
    ("ministry", "міністерство министерство міноборони минобороны мо"),
    ("staff", "штаб"),
    ("general staff", "генштаб генеральний генеральный"),
    ("state emergency service", "дснс"),
    ("rescuers", "рятувальник спасатель мчс"),
    ("troops", "війська войска військо"),
    ("forces", "сила сили силы формування формирование"),
    ("servicemen", "військовослужбовець военнослужащий військові военные"),
    ("soldiers", "солдат боєць боец"),
    ("army", "армія армия"),
    ("brigade", "бригада"),
    ("battalion", "батальйон батальон"),
    ("civilians", "мирний мирный цивільний гражданский"),
    ("people", "людина люди людей человек люди мешканець житель жителі жители"),
    ("russians", "росіянин россиянин рашист орк"),
    ("russian", "російський русский российский рф"),
    ("russia", "росія россия московія"),
    ("occupiers", "окупант оккупант загарбник окупаційний оккупационный"),
    ("enemy", "ворог противник супротивник неприятель ворожий вражеский"),
    ("afu", "зсу вфу всу"),
    ("ukrainian", "український украинский"),
    ("ukrainians", "українець украинец"),
    ("kyiv", "київський киевский"),
    ("militants", "бойовик боевик"),
    ("separatists", "сепаратист"),
    ("dpr", "днр"),
    ("lpr", "лнр"),
    ("osce", "обсє обсе"),
    ("un", "оон"),
    ("zelensky", "зеленський зеленский"),
    ("putin", "путін путин"),
    ("peskov", "пєсков песков"),
    ("pushilin", "пушилін пушилин"),
    ("pasechnik", "пасічник пасечник"),
    ("konashenkov", "конашенков"),
    ("zakharova", "захарова"),
    ("tass", "тасс"),
    ("ria", "риа ріа"),
    ("interfax", "інтерфакс интерфакс"),
    ("ukrinform", "укрінформ укринформ"),
    ("unian", "уніан униан"),
    ("suspilne", "суспільне"),
    # verification
    ("verify", "перевірити перевіряти проверить проверять верифікувати верифицировать"),
    ("confirm", "підтверджувати подтверждать"),
    ("unconfirmed", "непідтверджений неподтверждённый неподтвержденный"),
    ("independently", "незалежно независимо"),
    ("impossible", "неможливо невозможно"),
    ("geolocated", "геолокувати геолокований геолоцировать"),
    # dates
    ("today", "сьогодні сегодня зранку вранці уранці утром ввечері вечером"),
    ("yesterday", "вчора учора вчера напередодні накануне"),
    ("overnight", "вночі уночі ночью"),
    ("past", "минулий прошлый попередній"),
    ("day", "доба сутки"),
    ("week", "тиждень неделя"),
    ("monday", "понеділок понедельник"),
    ("tuesday", "вівторок вторник"),
    ("wednesday", "середа среда"),
    ("thursday", "четвер четверг"),
    ("friday", "п'ятниця пятница"),
    ("saturday", "субота суббота"),
    ("sunday", "неділя воскресенье"),
    ("january", "січень январь"),
    ("february", "лютий февраль"),
    ("march", "березень март"),
    ("april", "квітень апрель"),
    ("may", "травень май"),
    ("june", "червень июнь"),
    ("july", "липень июль"),
    ("august", "серпень август"),
    ("september", "вересень сентябрь"),
    ("october", "жовтень октябрь"),
    ("november", "листопад ноябрь"),
    ("december", "грудень декабрь"),
])
# Glosses of two or three words read together (dictionary forms -> one gloss per word).
SLAVIC_PHRASES = PhraseTable({
    "за слово": ("according", "to"), "за дані": ("according", "to"),
    "за інформація": ("according", "to"),
    "по слово": ("according", "to"), "по данные": ("according", "to"),
    "по информация": ("according", "to"),
    "згідно з": ("according", "to"), "як повідомляти": ("according", "to"),
    "как сообщать": ("according", "to"),
    "за доба": ("past", "day"), "за сутки": ("past", "day"), "в ніч на": ("the", "night", "of"),
    "у ніч на": ("the", "night", "of"), "в ночь на": ("the", "night", "of"),
    "в район": ("in", "area"), "у район": ("in", "area"),
    "стрілецький зброя": ("small", "arms"), "стрелковый оружие": ("small", "arms"),
    "вибуховий пристрій": ("explosive", "device"), "взрывной устройство": ("explosive", "device"),
    "не вдатися": ("not", "could"), "не удаться": ("not", "could"),
    # "с территории Горловки", "з території Горлівки": where the fire came from
    "с территория": ("from", "territory"), "з територія": ("from", "territory"),
    "із територія": ("from", "territory"), "со сторона": ("from", "direction"),
    "з бік": ("from", "direction"), "з напрямок": ("from", "direction"),
})
# Number words (dictionary forms) -> value; consecutive ones add up ("двадцять сім" = 27).
SLAVIC_NUMBERS: dict[str, int] = {
    **dict.fromkeys("один одна одне одного".split(), 1),
    **dict.fromkeys("два дві двоє".split(), 2),
    **dict.fromkeys("три троє".split(), 3),
    **dict.fromkeys("чотири четверо четыре".split(), 4),
    **dict.fromkeys("п'ять п'ятеро пять пятеро".split(), 5),
    **dict.fromkeys("шість шестеро шесть".split(), 6),
    **dict.fromkeys("сім семеро семь".split(), 7),
    **dict.fromkeys("вісім восьмеро восемь".split(), 8),
    **dict.fromkeys("дев'ять дев'ятеро девять".split(), 9),
    **dict.fromkeys("десять десятеро".split(), 10),
    **dict.fromkeys("одинадцять одиннадцать".split(), 11),
    **dict.fromkeys("дванадцять двенадцать".split(), 12),
    **dict.fromkeys("тринадцять тринадцать".split(), 13),
    **dict.fromkeys("чотирнадцять четырнадцать".split(), 14),
    **dict.fromkeys("п'ятнадцять пятнадцать".split(), 15),
    **dict.fromkeys("двадцять двадцать".split(), 20),
    **dict.fromkeys("тридцять тридцать".split(), 30),
    **dict.fromkeys("сорок".split(), 40),
    **dict.fromkeys("п'ятдесят пятьдесят".split(), 50),
    **dict.fromkeys("сто".split(), 100),
    "двоє": 2, "обидва": 2, "оба": 2, "двое": 2, "трое": 3,
}
# Casualty words (dictionary forms) -> column, and the people they count.
SLAVIC_CASUALTIES: dict[str, str] = {
    **dict.fromkeys("""загинути вбити загиблий загибель мертвий погибнуть убить погибший убитый гибель
        смерть жертва""".split(), "killed"),
    **dict.fromkeys("""поранити поранений поранення ранити ранить раненый ранение травмувати травмуватися
        травмований травма постраждати постраждалий травмировать травмированный пострадать
        пострадавший госпіталізувати госпитализировать""".split(), "injured"),
}
# Words before a total ("кількість загиблих зросла до 55").
SLAVIC_TOTALS = frozenset("кількість число".split())
# Nouns of one person: "загинула жінка" counts one without a number.
SLAVIC_PERSONS = frozenset(
    """людина чоловік жінка дитина мешканець мешканка житель жителька пенсіонер пенсіонерка водій
    військовий цивільний підліток хлопчик дівчинка чоловек человек женщина мужчина ребёнок ребенок
    жительница пенсионер пенсионерка водитель военный мирный подросток мальчик девочка""".split()
)
# Words that say nobody was hurt: "без жертв", "загиблих немає", "ніхто не постраждав".
SLAVIC_NONE_BEFORE = frozenset("без ніхто никто".split())
SLAVIC_NONE_AFTER = frozenset("немає нема нет".split())
# A number followed by one of these counts something else ("12 років", "5 будинків", "3 години").
SLAVIC_NOT_COUNTED = frozenset(
    """рік год річний летний година час хвилина минута будинок дом квартира автомобіль машина поверх
    этаж відсоток процент тонна гектар метр""".split()
)
# Region nouns that do not follow the -щина rule of geomap.geocoding.morphology.region_base.
SLAVIC_REGIONS: dict[str, str] = {
    "слобожанщина": "харків", "буковина": "чернівці",
    "волинь": "луцьк", "закарпаття": "ужгород", "прикарпаття": "івано-франківськ",
}
# Place forms the dictionaries do not inflect back ("у Кривому Розі").
SLAVIC_NAME_FORMS: dict[str, str] = {
    "кривому": "кривий", "кривого": "кривий", "кривим": "кривий", "розі": "ріг", "рогу": "ріг",
    "кривом": "кривой", "роге": "рог", "рога": "рог",
}
