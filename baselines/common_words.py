"""Common English words: the words ``baselines.truecase`` leaves in lower case.

Generic vocabulary only (function words, frequent verbs, nouns and adjectives of news about
violence), plus every plain lower-case word of the rule lexicons, so that their cues still
match. No names.
"""

from __future__ import annotations

import re

from baselines import lexicon

_HAND = """
noon dawn view combat rural site spanish midnight dusk morning evening afternoon
addition past face scene connection response exile reception future downtown northwestern northeastern
southwestern southeastern vicinity midair framework institution condition grave residential substation
slopes noise artillery gunships outskirts neighborhoods neighborhood crowded raged guarding withdrew
pursued preliminary especially electricity safe sound danger false incorrect stressing describing issued
resulted passing met accredited diplomatic corps offices mouthpiece published staying inflicted casualties
clashed fled stole food tank mountains mountain volcano facilities location located side
a about above according across act action actions activities activity added additional after afternoon
again against age agency ago agreed ahead aid air aircraft airport alleged allegedly all almost alone along
already also although always am among amid an and announced another answer any anyone anything
apparently approximately are area areas armed arms army around arrested arrival arrive arrived as ask
asked assassinated assassination assault at attack attacked attacking attacks attempt attempted
authorities authority available away back bank banks based basis be became because become been before
began begin behind being believe believed below best better between blew blown bodies body bomb bombed
bombing bombings bombs border both bridge brought building buildings burned bus business but by call
called came campaign can candidate capital captured car cars case cases cause caused center central
certain chamber charge charged chief children church citizen citizens city civil civilian civilians
claimed clear close colonel come coming command commander commanders committed common communique
community company condemned conference confirmed conflict congress considered continue continued
control could council countries country course court crime crimes criminal current damage damaged
day days dead death deaths decided declared defense democratic department described destroyed
detonated did died different direct directly director dirty discovered district do does dollars
done down drug drugs due during each early east eastern economic effect effort efforts either elected
election elections electric electrical embassy end enemy entire escape escaped even evening event events
ever every evidence exploded explosion explosive explosives expressed fact family farm father fbi fear
february federal few fight fighting fire fired first five following for force forced forces foreign
former four free freed friday from front further general get given go going good government governments
group groups guard guards guerrilla guerrillas gunfire gunmen guns had half hand hands has have having he
head headquarters heard heavy held help her here high him himself his home homes hospital hostages
hour hours house houses how however human hundred hundreds i if important in incident incidents
including individuals information injured injuries inside instead interior international into
investigation involved is it its itself job journalist journalists judge judges july june just
justice kidnapped kidnapping killed killing killings kilometers km know known labor land large last
late later law leader leaders leadership least left legal less let liberation life like local located
long lost made main major make man many march mass may mayor me measures media meeting member members
men message military million minister ministry minutes missing moment monday month months more
morning most mother movement much murder murdered murders must my name named national nearby near
nearly need neighborhood neither never new news next night nine no nobody none nor north northern not
nothing now number of off offensive office officer officers official officials often on once one only
operation operations or order organization organizations other others our out outside over own party
passed peace peasant peasants people per period person persons place placed plan plane planned plant
point police policeman policemen political politicians popular population position possible post
power powerful premises presence present president press prevent previous priest priests prison
prisoners private probably process property province public put radio raid raided rather reached
reason received recent recently region regional reported reporters reports republic rescue residence
residents responsibility responsible rest result revolutionary right rightist rights road rules
said same saturday say saying says school second secret secretary sector sectors security see seen
sent september serious seriously service seven several she shortly shot shots should show side since
six small so soldier soldiers some someone something soon source sources south southern special
spokesman spokesmen started state statement states station still street streets struck student
students such suffered sunday supply support suspected suspects taken taking targets team ten terror
terrorism terrorist terrorists than that the their them themselves then there these they thing things
third this those thousand thousands threat threatened threats three through throughout thursday time
times to today together told too took total town towns troops truck tuesday two under union united
unit units until up upon urban us use used various vehicle vehicles very victim victims village
villages violence violent wanted war was way we weapons wednesday week weeks well went were west western
what when where whether which while who whole whom whose why will with within without witnesses
woman women word work workers world would wounded wounding year years yesterday yet you young
accused admitted ambush ambushed approximately arson assailants battle broadcast captain clash clashes
colonels commando commandos communist criminals crossfire death squad squads denied dynamite
extremist extremists grenade grenades gunman guerrillas' insurgents machinegun massacre militants
militia mine mines mortar mortars patrol rebel rebels rifle rifles sabotage shooting skirmish snipers
terrorist's tortured
""".split()

_PLAIN_WORD = re.compile(r"[a-z]+(?: [a-z]+)*")


def _lexicon_words() -> set[str]:
    """Plain lower-case words in the rule lexicons (regular-expression fragments are skipped)."""
    words: set[str] = set()
    for name, value in vars(lexicon).items():
        if name.startswith("_") or not isinstance(value, (tuple, frozenset, set, list)):
            continue
        for entry in value:
            if isinstance(entry, str) and _PLAIN_WORD.fullmatch(entry):
                words.update(entry.split())
    return words


COMMON_WORDS: frozenset[str] = frozenset(_HAND) | frozenset(_lexicon_words())
