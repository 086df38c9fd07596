//! Function words that carry no event information.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crosscheck_text::token_hash;

use crate::hash::TermHasher;

/// A set of token hashes, hashed with one multiply (the keys are already mixed).
pub(crate) type HashSetU64 = HashSet<u64, BuildHasherDefault<TermHasher>>;

/// English function words and reporting verbs. Content-word weights are learnt from the data
/// (IDF), so this list only needs to remove words whose capitalised sentence-internal use
/// (`"The`, `But`) would otherwise look like a name.
const WORDS: &str = "a about above after again against all also am an and any are as at be \
because been before being below between both but by can could did do does doing down during \
each few for from further had has have having he her here hers herself him himself his how i \
if in into is it its itself just me more most my myself no nor not now of off on once only or \
other our ours ourselves out over own same she should so some such than that the their theirs \
them themselves then there these they this those through to too under until up very was we \
were what when where which while who whom why will with would you your yours yourself \
yourselves said says say told according mr mrs ms dr one two three new last first also may \
might must shall us its it's however since yet still though although within without across \
per via around among upon onto like just than many much several including including";

/// The hashes of the stop words (see [`token_hash`]).
pub(crate) fn stop_hashes() -> &'static HashSetU64 {
    static SET: OnceLock<HashSetU64> = OnceLock::new();
    SET.get_or_init(|| WORDS.split_whitespace().map(token_hash).collect())
}
