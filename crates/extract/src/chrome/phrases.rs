//! CMS chrome phrases: comment forms, share and newsletter boxes, "back to top", cookie notices.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Phrases that content-management systems put around articles, lowercase, in the main
/// languages. Single words are only trusted when they make up nearly the whole line.
const PHRASES: &[&str] = &[
    // Share buttons, alone or in a row ("Facebook Twitter Email", "WhatsApp Facebook Pin").
    "facebook",
    "twitter",
    "whatsapp",
    "pinterest",
    "linkedin",
    "telegram",
    "flipboard",
    "tweet",
    "share",
    "teilen",
    "partager",
    "compartir",
    "compartilhar",
    "condividi",
    "udostępnij",
    // English
    "share this article",
    "share this story",
    "share this post",
    "share on facebook",
    "share on twitter",
    "share on whatsapp",
    "share via email",
    "click to share",
    "share this:",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "sign up to our newsletter",
    "subscribe now",
    "get our newsletter",
    "join our mailing list",
    "newsletter",
    "back to top",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "comments are closed",
    "your email address will not be published",
    "required fields are marked",
    "we use cookies",
    "this website uses cookies",
    "this site uses cookies",
    "accept cookies",
    "cookie policy",
    "uses cookies",
    "necessary cookies",
    "privacy overview",
    "manage consent",
    "cookie settings",
    "privacy policy",
    "terms of use",
    "terms of service",
    "all rights reserved",
    "follow us on",
    "related articles",
    "related stories",
    "related posts",
    "read more",
    "recommended for you",
    "you may also like",
    "most popular",
    "most read",
    "advertisement",
    "sponsored content",
    "skip to content",
    "skip to main content",
    "toggle navigation",
    "print this article",
    "email this article",
    "listen to this article",
    "download our app",
    "click here to",
    "sign in",
    "log in",
    "previous article",
    "next article",
    "trending now",
    "don't miss",
    "this entry was posted",
    "bookmark the permalink",
    "filed under",
    "about the author",
    "was this article helpful",
    "comments are moderated",
    "we welcome reader comments",
    "suggested citation",
    "load more",
    "print recipe",
    "see also",
    "want more stories like this",
    "if you enjoyed this article",
    "delivered to your inbox",
    "right in your inbox",
    "successfully subscribed",
    "share it with a friend",
    "post comment",
    "have a tip?",
    "this document is subject to copyright",
    "this slideshow requires javascript",
    "may earn an affiliate commission",
    "advert",
    "tags",
    // German
    "artikel teilen",
    "teilen sie diesen artikel",
    "newsletter abonnieren",
    "zum newsletter",
    "nach oben",
    "zurück nach oben",
    "kommentar schreiben",
    "hinterlasse einen kommentar",
    "ihre e-mail-adresse wird nicht veröffentlicht",
    "erforderliche felder sind mit",
    "wir verwenden cookies",
    "diese website verwendet cookies",
    "datenschutzerklärung",
    "alle rechte vorbehalten",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "weiterlesen",
    "folgen sie uns",
    "anzeige",
    "zur startseite",
    "kommentare schreiben",
    "kommentare geschlossen",
    "war der artikel nützlich",
    "hier können sie den artikel bewerten",
    "artikel bewerten",
    "noch keine bewertungen",
    "lade weitere inhalte",
    "weitere inhalte laden",
    "erfolgreich hinzugefügt",
    "abgelegt unter",
    "veröffentlicht und wurde unter",
    "über den autor",
    "über die autorin",
    "rezept drucken",
    "als pdf herunterladen",
    "bei pinterest speichern",
    "zurück zur übersicht",
    "zurück zur listenansicht",
    "zurück",
    "externer inhalt",
    "quellen ausblenden",
    "bitte registrieren sie sich",
    "eingeloggt sein",
    "müssen sie eingeloggt sein",
    "artikel gefallen",
    "vergiss nicht zu teilen",
    "mit anderen teilen",
    "dieser text wurde veröffentlicht unter der lizenz",
    "gibt die meinung des autors wieder",
    // French
    "partager cet article",
    "partager sur",
    "abonnez-vous à notre newsletter",
    "inscrivez-vous à notre newsletter",
    "retour en haut",
    "haut de page",
    "laisser un commentaire",
    "laissez un commentaire",
    "votre adresse e-mail ne sera pas publiée",
    "votre adresse de messagerie ne sera pas publiée",
    "les champs obligatoires sont indiqués",
    "nous utilisons des cookies",
    "ce site utilise des cookies",
    "politique de confidentialité",
    "tous droits réservés",
    "à lire aussi",
    "lire aussi",
    "lire la suite",
    "suivez-nous",
    "vous aimerez aussi",
    "sur le même sujet",
    "permalien",
    // Spanish
    "compartir en",
    "comparte este artículo",
    "compartir este artículo",
    "suscríbete a nuestro boletín",
    "suscríbete a nuestra newsletter",
    "volver arriba",
    "ir arriba",
    "deja un comentario",
    "dejar un comentario",
    "tu dirección de correo electrónico no será publicada",
    "los campos obligatorios están marcados",
    "utilizamos cookies",
    "usamos cookies",
    "este sitio web utiliza cookies",
    "política de privacidad",
    "todos los derechos reservados",
    "te puede interesar",
    "lee también",
    "leer más",
    "síguenos en",
    "valora esta noticia",
    "noticias relacionadas",
    // Italian
    "condividi questo articolo",
    "condividi su",
    "iscriviti alla newsletter",
    "torna su",
    "torna all'inizio",
    "lascia un commento",
    "il tuo indirizzo email non sarà pubblicato",
    "i campi obbligatori sono contrassegnati",
    "utilizziamo i cookie",
    "questo sito utilizza cookie",
    "questo sito usa cookie",
    "informativa sulla privacy",
    "tutti i diritti riservati",
    "leggi anche",
    "potrebbe interessarti",
    "seguici su",
    // Portuguese
    "compartilhe este artigo",
    "compartilhar no",
    "assine nossa newsletter",
    "inscreva-se na nossa newsletter",
    "voltar ao topo",
    "deixe um comentário",
    "deixe uma resposta",
    "o seu endereço de email não será publicado",
    "seu endereço de e-mail não será publicado",
    "campos obrigatórios são marcados",
    "utilizamos cookies",
    "este site utiliza cookies",
    "política de privacidade",
    "todos os direitos reservados",
    "leia também",
    "leia mais",
    "siga-nos",
    "veja também",
    // Polish
    "udostępnij",
    "czytaj także",
    "czytaj też",
    "zobacz także",
    "zobacz też",
    "drukuj",
    "wszelkie prawa zastrzeżone",
    "materiał chroniony prawem autorskim",
    "kup licencję",
    "dodaj komentarz",
    // Russian and Ukrainian
    "поделиться",
    "поделитесь",
    "подписывайтесь на",
    "подпишитесь на",
    "наверх",
    "оставить комментарий",
    "оставьте комментарий",
    "ваш адрес email не будет опубликован",
    "обязательные поля помечены",
    "мы используем cookies",
    "мы используем файлы cookie",
    "сайт использует файлы cookie",
    "политика конфиденциальности",
    "все права защищены",
    "читайте также",
    "читать далее",
    "реклама",
    "поділитися",
    "підписуйтесь на",
    "читайте також",
    "всі права захищені",
    "усі права захищені",
];

/// Phrases of notices that run to a long line (posting metadata, moderation and licence
/// notices): the line is chrome up to 60 words, like a cookie notice.
const NOTICES: &[&str] = &[
    "this entry was posted",
    "comments are moderated",
    "we welcome reader comments",
    "your email address will not be published",
    "all rights reserved",
    "suggested citation",
    "this document is subject to copyright",
    "may earn an affiliate commission",
    "abgelegt unter",
    "veröffentlicht und wurde unter",
    "dieser text wurde veröffentlicht unter der lizenz",
    "gibt die meinung des autors wieder",
    "bitte registrieren sie sich",
    "müssen sie eingeloggt sein",
    "wszelkie prawa zastrzeżone",
    "materiał chroniony prawem autorskim",
];

static MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| super::phrase_automaton(PHRASES));

/// Whether a line is CMS chrome: a comment form, a share or newsletter box, a "back to top"
/// link, a cookie notice, a copyright line.
///
/// ## What it does
/// Finds known chrome phrases (English, German, French, Spanish, Italian, Portuguese, Polish,
/// Russian, Ukrainian) in the lowercased line and flags the line when the phrases cover at least half of
/// its letters, when the line is at most eight words long and holds a phrase of two or more
/// words, or when it is a cookie, licence, moderation or posting notice of at most 60 words.
///
/// ## Why
/// Scrapers and extractors keep the boxes a CMS prints around every article ("Leave a Reply",
/// "Share this article", "We use cookies…"). Fusion would read them as claims. They are worded
/// the same on thousands of sites, so a phrase list catches them without any per-site rule.
///
/// ## Example
/// ```
/// use crosscheck_extract::chrome::is_chrome_phrase;
///
/// assert!(is_chrome_phrase("Leave a Reply"));
/// assert!(is_chrome_phrase("Back to top button"));
/// assert!(is_chrome_phrase("Ihre E-Mail-Adresse wird nicht veröffentlicht."));
/// assert!(!is_chrome_phrase("Officials will share the plan with allies next week, a spokesman said."));
/// ```
///
/// ## Limitations
/// A quoted sentence that happens to be mostly a chrome phrase ("'Read more,' she said") is
/// removed. Languages outside the list are not covered. Long boxes that mix a phrase with real
/// prose survive unless another rule catches them.
///
/// ## References
/// - Kohlschütter, Fankhauser, Nejdl (2010), "Boilerplate detection using shallow text
///   features" (boilerpipe): chrome is short, formulaic and repeated across sites.
/// - Barbaresi (2021), trafilatura's `REMOVED_COMMENTS` and boilerplate selectors.
pub fn is_chrome_phrase(line: &str) -> bool {
    let lower = line.to_lowercase();
    let letters = lower.chars().filter(|c| c.is_alphanumeric()).count();
    if letters == 0 {
        return false;
    }
    let words = lower.split_whitespace().count();
    let mut covered = 0usize;
    let mut multiword = false;
    let mut cookie = false;
    for m in MATCHER.find_iter(&lower) {
        // Whole words only: "log in" must not match inside "catalog in".
        let before = lower[..m.start()].chars().next_back();
        let after = lower[m.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let phrase = PHRASES[m.pattern().as_usize()];
        covered += phrase.chars().filter(|c| c.is_alphanumeric()).count();
        multiword |= phrase.contains(' ');
        cookie |= phrase.contains("cookie") || NOTICES.contains(&phrase);
    }
    if covered == 0 {
        return false;
    }
    covered * 2 >= letters || (multiword && words <= 8) || (cookie && words <= 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! phrases {
        ($($line:expr => $want:expr),* $(,)?) => {$(
            assert_eq!(is_chrome_phrase($line), $want, "{}", $line);
        )*};
    }

    #[test]
    fn flags_chrome_and_keeps_prose() {
        phrases! {
            "Leave a Reply" => true,
            "Your email address will not be published. Required fields are marked *" => true,
            "Back to top button" => true,
            "Share this article" => true,
            "We use cookies to give you the best experience. By continuing you agree to our cookie policy." => true,
            "Newsletter" => true,
            "Laissez un commentaire" => true,
            "Читайте также" => true,
            "Advertisement" => true,
            "The mayor said the newsletter of the city council had misreported the vote on the new bridge." => false,
            "Read more about the plan, the minister said, was not yet possible because talks continued." => false,
            "The bridge opens on Monday." => false,
            "" => false,
            "The catalog in the museum shop lists every painting." => false,
            "This entry was posted in Local News on 3 May 2024 by the editors. Bookmark the permalink." => true,
            "Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone." => true,
            "Zurück" => true,
            "Whatsapp Facebook Pin Save" => true,
            "Share" => true,
            "Facebook said on Tuesday that it would share the data with researchers." => false,
            "Die Delegation kehrte am Abend nach Berlin zurück, sagte ein Sprecher." => false,
        }
    }
}
