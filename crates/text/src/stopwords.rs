//! Function words ("stopwords") of the main languages, for density heuristics.
//!
//! The lists hold the most frequent closed-class words (articles, pronouns, prepositions,
//! conjunctions, auxiliaries) of each language, lowercase. They are short on purpose: a
//! boilerplate detector only needs the share of such words in a line, and running prose in any
//! of these languages is 30–50 % function words while menus and button labels are nearly 0 %.

use std::collections::HashSet;
use std::sync::LazyLock;

use crosscheck_core::Lang;

const EN: &str = "a about above after again against all also am an and any are as at be \
because been before being below between both but by can could did do does doing down during \
each few for from further had has have having he her here hers herself him himself his how i \
if in into is it its itself just me more most my myself no nor not now of off on once only or \
other our ours ourselves out over own same she should so some such than that the their theirs \
them themselves then there these they this those through to too under until up very was we \
were what when where which while who whom why will with would you your yours yourself said \
says its may might must shall since though whether upon";

const DE: &str = "aber alle allem allen aller alles als also am an ander andere anderen auch \
auf aus bei bin bis bist da damit dann das dass dein deine dem den denn der des dessen die \
dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er \
es etwas euch euer für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm \
ihn ihnen ihr ihre im in indem ins ist jede jedem jeden jeder jedes jene jetzt kann kein keine \
können könnte machen man manche mein meine mich mir mit muss musste nach nicht nichts noch nun \
nur ob oder ohne sehr sein seine sich sie sind so solche soll sollte sondern sonst über um und \
uns unser unter viel vom von vor war waren warst was weil welche wenn werde werden wie wieder \
will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen sei seit laut";

const FR: &str = "à au aux avec ce ces cette dans de des du elle elles en est et eux il ils je \
la le les leur leurs lui ma mais me même mes moi mon ne nos notre nous on ou où par pas pour \
qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous été être avait avoir \
a ont sont était ai aussi comme plus tout tous toute toutes sans entre après avant depuis \
dont si selon lors alors ainsi encore fait peut sous vers chez déjà cela ceci ça";

const ES: &str = "a al algo algunas algunos ante antes como con contra cual cuando de del \
desde donde durante e el él ella ellas ellos en entre era es esa esas ese eso esos esta estaba \
estas este esto estos fue fueron ha había han hasta hay la las le les lo los más me mi mientras \
muy nada ni no nos nosotros o os otra otras otro otros para pero poco por porque que quien se \
sea ser si sin sobre son su sus también tanto te tiene tienen todo todos tu un una uno unos y \
ya según tras además dijo está están sido";

const IT: &str = "a ad al alla alle allo agli ai anche avere aveva c che chi ci come con contro \
cui da dal dalla dalle dei del della delle dello degli di dove e è ed era erano essere gli ha \
hanno i il in io la le lei li lo loro lui ma me mi mia mio ne nei nel nella nelle non noi o per \
perché più quale quando quella quello questa questo se sei si sia siamo sono su sua sue suo \
sul sulla tra tu un una uno vi è stato stata anche ancora dopo secondo però";

const PT: &str = "a ao aos as às até com como da das de dela dele deles depois do dos e é ela \
elas ele eles em entre era essa esse esta está estão este eu foi foram há isso isto já lhe \
mais mas me mesmo meu minha muito na nas não nem no nos nós o os ou para pela pelas pelo pelos \
por qual quando que quem se sem ser seu sua suas são também te tem ter um uma umas uns você \
segundo sobre ainda disse pode";

const RU: &str = "а без более бы был была были было быть в вам вас весь во вот все всего всех \
вы где да даже для до его ее её если есть еще ещё же за здесь и из или им их к как какой когда \
кто ли либо мне может мы на над надо наш не него нее неё нет ни них но ну о об однако он она \
они оно от очень по под после при с со так также такой там те тем то того тоже той только том \
ты у уже хотя чего чей чем что чтобы эта эти это этого этой этом этот я заявил сообщил";

const UK: &str = "а але без би був була були було бути в вам вас ви від він вона вони воно все \
всі де для до його з за і й із їх як які коли мене ми на над не неї ні них но о об от по при \
про та так також там те то тому тут у хоча це цей ця ці що щоб я його її їй заявив";

const NL: &str = "aan al als bij dan dat de der des deze die dit door een en er had heb hebben \
heeft het hij hoe hun ik in is je kan maar me meer met mij na naar niet nog nu of om onder ons \
ook op over te tegen toen tot u uit van veel voor want was wat we wel werd wie wij worden zal \
ze zelf zich zij zijn zo zonder";

const PL: &str = "a aby ale bez by być był była było były co czy dla do gdy go i ich im jak \
jako jej jest jego już ją ku lub ma mi między mnie może na nad nie nich nim o od oraz po pod \
przez przy się są ta tak także tam te tego tej ten to tu tylko tym w we więc z za ze że żeby";

/// The languages that have a list, as ISO 639-1 codes.
pub const STOPWORD_LANGUAGES: &[&str] =
    &["en", "de", "fr", "es", "it", "pt", "ru", "uk", "nl", "pl"];

static SETS: LazyLock<Vec<(&'static str, HashSet<&'static str>)>> = LazyLock::new(|| {
    [
        ("en", EN),
        ("de", DE),
        ("fr", FR),
        ("es", ES),
        ("it", IT),
        ("pt", PT),
        ("ru", RU),
        ("uk", UK),
        ("nl", NL),
        ("pl", PL),
    ]
    .into_iter()
    .map(|(code, words)| (code, words.split_whitespace().collect()))
    .collect()
});

/// Whether `word` (already lowercase) is a stopword of language `lang`.
///
/// Languages without a list (and [`Lang::UNKNOWN`]) have no stopwords.
pub fn is_stopword(lang: Lang, word: &str) -> bool {
    let code = lang.as_str();
    SETS.iter().find(|(c, _)| *c == code).is_some_and(|(_, s)| s.contains(word))
}

/// The language whose stopwords make up the largest share of `words` (lowercase), with that
/// share; `None` when no word is a stopword of any language.
pub fn best_stopword_language(words: &[&str]) -> Option<(Lang, f64)> {
    let mut best: Option<(&'static str, usize)> = None;
    for (code, set) in SETS.iter() {
        let n = words.iter().filter(|w| set.contains(*w)).count();
        if n > 0 && best.is_none_or(|(_, b)| n > b) {
            best = Some((code, n));
        }
    }
    // Invariant: the codes above are valid two-letter codes.
    best.map(|(c, n)| (c.parse().unwrap_or(Lang::UNKNOWN), n as f64 / words.len().max(1) as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_and_languages() {
        let de: Lang = "de".parse().unwrap();
        assert!(is_stopword(Lang::EN, "the"));
        assert!(is_stopword(de, "und"));
        assert!(!is_stopword(Lang::EN, "bridge"));
        assert!(!is_stopword(Lang::UNKNOWN, "the"));
        let text = "der bau der brücke wurde am montag und dienstag fortgesetzt";
        assert_eq!(
            best_stopword_language(&text.split(' ').collect::<Vec<_>>()).map(|(l, _)| l),
            Some(de)
        );
        let en = "the bridge was opened on monday by the mayor";
        let (l, share) = best_stopword_language(&en.split(' ').collect::<Vec<_>>()).unwrap();
        assert_eq!(l, Lang::EN);
        assert!(share > 0.4, "{share}");
        assert_eq!(best_stopword_language(&["zzz", "qqq"]), None);
    }

    #[test]
    fn every_listed_language_has_words() {
        for code in STOPWORD_LANGUAGES {
            assert!(SETS.iter().any(|(c, s)| c == code && s.len() > 50), "{code}");
        }
    }
}
