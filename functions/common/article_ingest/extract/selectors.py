"""What non-article material looks like, as named data grouped by concept: lines first (by language),
then markup (class, id and tag names of comment threads, asides, hidden blocks), then page titles.

Each line entry is a regular-expression fragment matched case-insensitively against one whole line
(after trimming punctuation and whitespace at both ends), so a fragment describes the line, not
a word inside it. That is what keeps real sentences: "TikTok said on Tuesday it would ban..."
is not "Follow us on TikTok". Adding a language means adding a key here, not code.

Shared pieces ({network}, {months}, {n}) are filled in by promo.py before compiling.
"""

from __future__ import annotations

# Filled into the fragments below as {network}.
SOCIAL_NETWORKS = (
    "tiktok|instagram|facebook|twitter|x|youtube|linkedin|pinterest|telegram|whatsapp|mastodon"
    "|threads|bluesky|snapchat|xing|flipboard|google news|spotify|podcast"
)

# Filled into the date stamps below as {months}: German, English, Spanish, French, Polish (genitive).
MONTHS = (
    "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"
    "|january|february|march|may|june|july|october|december"
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    "|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
    "|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia"
)

# Lines that open the reader-comment section: everything after them is comments.
COMMENT_SECTION = {
    "en": [
        r"leave a (reply|comment)( cancel reply)?",
        r"(post|add|write|submit) a comment",
        # the post's title after "on" may be cut off into a line of its own by the flattener
        r"({n}|one|no) (thoughts?|comments?|responses?|replies|reactions?) (on|to)( .{1,200})?",
        r"({n} )?comments?( \({n}\)?)?|{n} (responses?|replies)",
        r"no comments( yet)?",
        r"join the (discussion|conversation)",
        r"view comments|show comments|load comments|reader comments",
        r"{n}\.? (comment|reply) (by|from) .{1,80}",
    ],
    "de": [
        r"({n} )?(kommentare?|leserkommentare)( \({n}\)?)?|{n} (antworten|reaktionen)",
        r"(kommentar|antwort) (verfassen|schreiben|abgeben|hinzufügen|hinterlassen)",
        r"(schreibe|schreiben sie|hinterlasse|hinterlassen sie) (einen|deinen|ihren) kommentar",
        r"keine kommentare( vorhanden)?",
        r"({n}|ein|eine) (gedanken?|kommentare?|antworten?|reaktionen?) zu( .{1,200})?",
        r"diskutieren sie mit|kommentare insgesamt(:? {n})?",
        r"kommentare (anzeigen|einblenden|laden|lesen)",
        r"{n}\.? (kommentar|antwort) (von|zu) .{1,80}",
    ],
    "es": [
        r"({n} )?comentarios?( \({n}\)?)?",
        r"deja (un|tu) comentario|dejar un comentario",
        r"{n} (respuestas?|comentarios?) (a|en)( .{1,200})?",
    ],
    "fr": [
        r"({n} )?commentaires?( \({n}\)?)?",
        r"laisser un commentaire|ajouter un commentaire",
        r"{n} (réponses?|commentaires?|réflexions?) (à|sur)( .{1,200})?",
    ],
    "it": [r"({n} )?commenti( \({n}\)?)?", r"lascia un commento|scrivi un commento"],
    "pt": [r"({n} )?comentários?( \({n}\)?)?", r"deixe (um|o seu|seu) comentário|deixar um comentário"],
    "nl": [r"({n} )?reacties?( \({n}\)?)?", r"(plaats|geef|laat) een reactie( achter)?|reageer"],
    "pl": [r"({n} )?komentarz(e|y)?( \({n}\)?)?", r"dodaj komentarz|napisz komentarz"],
}

# The comment form's fine print; dropped wherever it appears.
COMMENT_FORM = {
    "en": [
        r"your email address will not be published.{0,120}",
        r"required fields are marked.{0,10}",
        r"save my name, email, and website in this browser.{0,80}",
        r"notify me of (follow-up|new) (comments|posts).{0,40}",
        r"you must be (logged in|registered) to post a comment.{0,20}",
        r"this site uses akismet to reduce spam.{0,120}",
    ],
    "de": [
        r"(deine|ihre) e-?mail-adresse wird nicht veröffentlicht.{0,120}",
        r"erforderliche felder sind (mit|markiert).{0,20}",
        r"(meinen|speichere meinen) namen, (meine )?e-?mail.{0,120}",
        r"benachrichtige mich über (nachfolgende|neue) (kommentare|beiträge).{0,40}",
        r"(du musst|sie müssen) (angemeldet|eingeloggt) sein,? um (einen )?kommentare?.{0,40}",
        r".{0,40}(eingeloggt|angemeldet) sein,? um kommentare (zu )?schreiben.{0,40}",
        r"diese website verwendet akismet.{0,120}",
    ],
}

# Share / like bars and their leftovers.
SHARE = {
    "en": [
        r"share( this)?( (article|post|story|page))?( (on|via) .{1,40})?",
        r"share (on|via) .{1,40}",
        r"like this|loading\.*|tweet|pin it|print( this)?( (article|page))?|e-?mail this",
        r"like loading\.*",  # a like button with its count still loading, on one line
        r"rate this|bewerten",
        r"save (recipe|article|for later)|bookmark( this)?",
    ],
    "de": [
        r"teilen( mit| auf| via| per .{1,20})?",
        r"(diesen )?(artikel|beitrag|seite) (teilen|drucken|empfehlen|versenden)",
        r"gefällt mir|wird geladen\.*|drucken|bewerten|artikel bewerten",
        r"(gefällt mir|liken) (wird geladen|lade)\.*",
        r"jetzt teilen|auf (facebook|twitter|whatsapp) teilen|teilen sie dies mit",
        # bookmark buttons
        r"((rezept|tipp|artikel|beitrag) )?(merken|favorisieren)|zu (den )?favoriten hinzufügen",
    ],
    "es": [r"compartir( en .{1,30})?|comparte esta noticia"],
    "fr": [r"partager( sur .{1,30})?|partagez cet article"],
    "pl": [r"udostępnij|podziel się"],
}

# Calls to follow the site elsewhere.
SOCIAL_CTA = {
    "en": [
        r"(please |do |also )?(follow|find|like|join|visit|subscribe to) us (on|at) .{1,80}",
        r"(please |do |also |and )?(check out|follow|visit|subscribe to) our ({network})"
        r"( (channel|page|account|profile))?.{0,60}",
        r"(stay connected|connect with us|get social).{0,60}",
        r"follow .{1,40} on ({network})( and ({network}))*.{0,200}",
    ],
    "de": [
        r"(folgen sie|folge|folgt|besuchen sie|besuche|abonnieren sie|abonniere) uns"
        r" (auf|bei|in|über) .{1,80}",
        r"(folgen sie|folge|folgt|besuchen sie|besuche|abonnieren sie|abonniere)"
        r" (unserem|unserer|unseren) .{0,40}({network}).{0,60}",
        r"(sie finden|du findest|ihr findet) uns (auch )?(auf|bei) .{1,60}",
    ],
    "es": [r"s[ií]g(ue|a)nos en .{1,120}", r"únete .{0,40}(canal|grupo) de ({network}).{0,100}"],
    "fr": [r"suivez-nous (sur|on) .{1,80}", r"rejoignez-nous sur .{1,80}"],
    "pl": [r"obserwuj nas (na|w) .{1,80}"],
}

# Newsletter and subscription boxes, paywall teasers.
NEWSLETTER = {
    "en": [
        r"(sign up|subscribe|register) (for|to) (our|the|my) .{0,40}newsletters?.{0,100}",
        r"(get|receive) (our|the) .{0,30}newsletter.{0,100}",
        r".{0,40}newsletter",
        r"never miss (a|the latest|an?) .{1,120}",
        r"subscribe now.{0,120}|subscribe today.{0,120}",
        r"(to (view|read|continue reading) the (full|whole|rest of the) (story|article)).{0,160}",
        r".{0,80}already a subscriber.{0,160}",
        r"sign up to get .{1,100}",
        r"get (the latest|new) (posts|stories|articles|news).{0,40}(delivered|sent) .{0,40}inbox",
        r"thanks for reading .{1,80}(subscribe|sign up).{0,120}",
        r".{0,120}(by e-?mail|newsletter|inbox).{0,80}(sign up|subscribe)( (here|now|today))?",
        r".{0,120}\?( (sign up|subscribe)( here| now)?)",
        r"for the latest .{1,80} download (the|our) .{1,80}",
    ],
    "de": [
        r"(abonnieren sie|abonniere|bestellen sie|bestelle) (jetzt )?(unseren|den|unsere)"
        r" .{0,30}newsletter.{0,100}",
        r"(jetzt |hier )?(zum|für den|für unseren|zu unserem) .{0,20}newsletter (an)?melden.{0,100}",
        r"(jetzt )?newsletter (abonnieren|bestellen|anmelden).{0,100}",
        r"(melden sie sich|melde dich) (jetzt )?(für|zu|zum) .{0,30}newsletter.{0,100}",
        r"mit unserem newsletter .{1,160}",
        r".{0,60}(erhalten sie|erhältst du) exklusive (angebote|vorteile|inhalte).{0,40}",
        r".{0,120}in (deinen|ihren|euren) posteingang.{0,120}",
    ],
    "es": [r"suscr[ií]bete.{0,120}", r"hazte (miembro|socio).{0,120}"],
    "fr": [
        r"abonnez-vous.{0,120}",
        r"pour (lire|accéder à) la suite.{0,160}",
        r"pour accéder en illimité.{0,160}",
    ],
    "pl": [r"zapraszamy (też )?do subskrypcji.{0,120}"],
}

# Pleas and plugs written by the author inside the post.
PROMO = {
    "en": [
        r"(please |do )?check out (the following|our|my) (website|site|blog|page|shop)s?.{0,80}",
        r".{0,60}for (further|more) news articles",
        r"if you (enjoyed|liked|found) (reading )?this (post|article|story).{0,160}",
        r"(please )?support (our|independent) (journalism|work|reporting).{0,120}",
        r"support \S+( \S+)? (with|from|for) (as little as )?[$€£]? ?\d.{0,60}",
        r"(become|be) a (member|subscriber|patron|supporter).{0,120}",
        r"(let us know|tell us|share your thoughts) in the comments.{0,160}",
        r"this (post|article|page) (contains|includes|may contain)"
        r" (affiliate|sponsored|references to products).{0,200}",
        # review-copy disclosures
        r"(many )?thanks to .{1,60} for (providing|sending) .{0,30}(review|advance|free) copy.{0,160}",
    ],
    "de": [
        r"(bitte )?(schauen sie|schau|schaut) (doch )?(auch )?(auf|bei) (unserer|meiner|unserem)"
        r" .{0,60}vorbei.{0,40}",
        r"(unterstütze|unterstützen sie|unterstützt) \S+( \S+)?( bereits| schon| jetzt)? (mit|ab) \d.{0,60}",
        r"(unterstütze|unterstützen sie|unterstützt) (uns|unsere arbeit|unseren journalismus)"
        r"( .{1,30}mag)?.{0,120}",
        r"(gefällt|gefiel) (dir|ihnen|euch) (unser|dieser|der) .{1,60}\?.{0,120}",
        r"(\*)?(werbung|anzeige)([.:,]| - | – ).{0,160}",
        r"dieser (beitrag|artikel) enthält (werbung|affiliate).{0,160}",
        r"(vielen )?dank an .{1,60} für (die bereitstellung|das) .{0,40}(rezensions|lese)exemplar.{0,200}",
        r".{0,80}(einfach|jetzt) hier klicken.{0,100}",
        r"(verraten|schreiben|erzählen|sagen) (sie|du|ihr) (es )?(uns )?(gerne |gern )?"
        r"in den kommentaren.{0,160}",
    ],
    "es": [r".{0,80}(nuestro|tenemos) canal de ({network}).{0,160}"],
}

# Phrases that make a whole short paragraph an affiliate disclosure or an appeal to the reader
# (letters to the editor, support for the publication). Unlike the fragments above, they are
# searched for inside the line: such a paragraph runs to a few sentences, and promo.py only
# looks in paragraphs up to MAX_NOTICE_CHARS, so a longer one that quotes the phrase stays.
DISCLOSURES = {
    "en": [
        # the condition on the reader's purchase tells the notice from a quote
        r"we (may )?(receive|earn) (a )?(small )?(compensation|commission) (if|when|from|on) ",
        r"advertiser disclosure|as an amazon associate",
    ],
    "de": [r"(erhalten|bekommen) wir (ggf\. |eventuell )?eine (kleine )?provision"],
    # "are affiliate links", "handelt es sich um Affiliate-Links": the site speaking of its own links
    "any": [r"\b(are|contains?|sind|enthält|handelt es sich um) .{0,30}affiliate[- ]?links?"],
}
READER_APPEALS = {
    "en": [
        r"(submit|send) (a|your) letters? to the editor",
        r"we want to hear what you think (about|of) this (article|story|piece|post)",
    ],
    "de": [
        r"(unterstütze|unterstützen sie|helfen sie mit).{0,60}(unseren|unabhängigen) journalismus",
        r"wir .{0,80}(keine|nicht hinter einer|ohne) bezahlschranke",
    ],
    "es": [r"puedes? escribirnos a"],
    "pl": [r"wesprzyj nas"],
}
# The fine print under a sign-up or registration form.
SIGNUP_FINE_PRINT = {
    "en": [r"by (signing up|subscribing|registering)(,| you) .{0,40}(agree|accept|consent)"],
    "de": [r"mit (der|ihrer|deiner) (registrierung|anmeldung) (akzeptieren|bestätigen) (sie|du)"],
}
# Every phrase above holds one of these words (lower case). Searching inside every paragraph is
# costly, so only a paragraph that holds one of them is searched.
NOTICE_WORDS = (
    "compensation",
    "commission",
    "advertiser",
    "amazon",
    "provision",
    "affiliate",
    "editor",
    "hear what",
    "journalismus",
    "bezahlschranke",
    "escribirnos",
    "wesprzyj",
    "signing up",
    "subscribing",
    "registering",
    "registrierung",
    "anmeldung",
)

# Headings and lead-ins of "read more" / related-posts lists. A matching heading takes the
# link-heavy blocks under it along; a matching lead-in ("Read more: <title>") goes alone.
RELATED = {
    "en": [
        r"read (more|also|next)|see also|also read|more (stories|articles|news)|further reading",
        r"related( (articles?|posts?|stories|content|topics|news|reading))?",
        r"you (may|might) also (like|enjoy|be interested in)|recommended( for you)?|most (read|popular)",
        r"more (from|on|in) .{1,40}",
        r"most commented|(next|previous) (post|article|story)",
    ],
    "de": [
        r"lesen sie (auch|mehr|weiter)|(das )?(könnte|dürfte) (sie|dich|euch) auch interessieren",
        r"auch interessant|ebenfalls interessant|auch lesen|schon gelesen|zum weiterlesen|weiterlesen",
        r"weitere (aktuelle |interessante )?(artikel|beiträge|themen|nachrichten|meldungen)"
        r"( (zum thema|aus .{1,40}))?",
        r"weitere informationen( zu[mr]? .{1,60})?",
        r"mehr (zum thema|themen|dazu|aus .{1,40})( (auf|bei) .{1,30})?",
        r"(empfohlene|verwandte|ähnliche) (beiträge|artikel)",
        r"auch (auf|bei) [\w.-]+\.(de|at|ch|com)",
        r"das thema könnte (sie|dich) auch interessieren|top-themen.{0,40}|meistgelesen|meist-diskutiert",
        r"lesen sie auch die folgenden beiträge",
        # "Weitere Infos unter www.example.de"; "Weitere Informationen gibt es nicht" is news
        r"weitere (infos|informationen)( hierzu| dazu)?( gibt es)?( in kürze)? (unter|auf|bei) .{1,100}",
        # lists of the most commented posts or forum threads, and the post navigation
        r"(meist)?kommentierte artikel|beiträge aus dem forum",
        r"(vorschau auf den )?(nächste[nr]?|vorherige[nr]?) (artikel|beitrag)",
    ],
    "es": [
        r"lea (también|más)|lee (también|más)|vea también|ver también",
        r"le puede interesar|te puede interesar|notas relacionadas|contenido relacionado|más sobre .{1,40}",
        r"(artículo|entrada|nota) (siguiente|anterior)",
    ],
    "fr": [
        r"(à )?lire aussi|à voir aussi|sur le même sujet|articles? similaires?",
        r"article (suivant|précédent)",
    ],
    "it": [
        r"leggi anche|vedi anche|(potrebbe|potrebbero) interessarti( anche)?|ti potrebbe interessare",
        r"articoli (correlati|simili)|(articolo|post) (successivo|precedente)",
    ],
    "pt": [
        r"leia (também|mais)|veja (também|mais)|saiba mais|(artigos|notícias) relacionad[ao]s",
        r"(artigo|post) (seguinte|anterior)",
    ],
    "nl": [
        r"lees (ook|meer|verder)|bekijk ook|gerelateerde (artikelen|berichten)|meer (nieuws|artikelen)",
        r"(volgend|vorig) (artikel|bericht)",
    ],
    "pl": [
        r"czytaj (też|także|również|więcej)|zobacz (też|także|również)|dowiedz się więcej",
        r"(następny|poprzedni) (artykuł|wpis)",
    ],
}

# Lead-ins that only mean "related" when a linked title follows them ("Lea: <title>").
RELATED_LEAD_IN = {
    "en": [r"read|see|watch|listen|also"],
    "de": [r"lesen sie( hier| dazu| mehr)?|lies( hier| dazu)?|siehe( auch)?|hier lesen"],
    "es": [r"lea|lee|vea|ve|escuche|mira|mire|puedes ver"],
    "fr": [r"lire|voir"],
    "it": [r"leggi|vedi|guarda"],
    "pt": [r"leia|veja|assista"],
    "nl": [r"lees|bekijk"],
    "pl": [r"czytaj|zobacz"],
}

# Page furniture that trafilatura sometimes keeps: tables of contents, tag lines, image widgets.
WIDGETS = {
    "en": [
        r"tags|categories|category: .{1,60}|tags: .{1,160}",
        # a site section's name left above or below the text
        r"news|press releases",
        r"enlarge( image)?|view (image|gallery)|click to enlarge|advertisement",
        # an advert's label, with what the page says of the text around it
        r"advertisement ?[-–—:] ?(the )?(article|story) continues( below)?"
        r"|(the )?(article|story) continues (below|after (this )?advertisement)( advertisement)?",
        r"click (on )?the button below to load the content (of|from) .{1,80}",
        # list and forum pagination
        r"(showing|displaying|results?|items?) {n} ?(-|–|to) ?{n} of {n}( \w+)?|page {n} of {n}",
    ],
    "de": [
        r"schlagwörter|schlagworte|stichwörter|themen|kategorien?(: .{1,80})?",
        r"aktuelles|neuigkeiten|pressemitteilungen",
        # list and forum pagination
        r"(es werden (die )?\w+ |ergebnis(se)? |einträge |zeige )?{n} bis {n} von (insgesamt )?{n}"
        r"( \w+)?( angezeigt)?|seite {n} von {n}",
        r"bild anzeigen|bild vergrößern|vergrößern|zur galerie|anzeige|werbung|beitragsbild",
        r"video verfügbar bis .{1,30}",
        # the consent placeholder that stands in for a map or video embed
        r"klicken sie auf den (unteren |folgenden )?button,? um (den|die) inhalte? von .{1,80} zu laden",
    ],
    "es": [r"temas|etiquetas|categorías|publicidad|noticias"],
    "fr": [r"mots-clés|catégories|publicité"],
    "it": [r"pubblicità|annuncio pubblicitario"],
    "pt": [r"publicidade|anúncio"],
    "nl": [r"advertentie|advertenties"],
    "pl": [r"tagi|reklama"],
}

# Labels over the contact and source details under a report or press release; the details stay.
APPENDIX_LABELS = {
    "en": [r"(press |media )?contacts?|sources|release date|additional information|original publication"],
    "de": [
        r"(presse)?kontakt|ansprechpartner(in)?( zum thema)?|quellen(angaben)?|zusatzinformationen",
        r"originalpublikation",
    ],
    "es": [r"contacto|fuentes"],
    "pl": [r"kontakt|źródła"],
}

# Table-of-contents headings; like RELATED, they take the in-page links under them along.
TABLE_OF_CONTENTS = {
    "en": [r"table of contents|contents|on this page|jump to"],
    "de": [r"inhaltsverzeichnis|inhalt|auf dieser seite|springe zu"],
    "es": [r"índice|contenido"],
    "fr": [r"sommaire|table des matières"],
    "pl": [r"spis treści"],
}

# Photo credits and copyright lines under pictures.
CREDITS = {
    "en": [r"(photo|image|picture)s?( credits?)?\s?[:|].{1,120}|\(?credits?\s?[:|].{1,120}"],
    "de": [r"(foto|fotos|bild|bildquelle|titelbild|beitragsbild|copyright|quellen?)\s?[:|].{1,120}"],
    "fr": [r"crédits? photos?\s?[:|].{1,120}|image illustrative\s?[:|].{1,120}"],
    "pl": [r"fot\.\s?.{1,120}"],
    "any": [
        r"©.{1,120}|.{1,160}[.|] ©.{1,80}|\(c\) .{1,120}",
        # a caption that ends in its credit: "... (Foto: Natacha Pisarenko/Pool)"
        r".{1,200}\((foto|fotos|photo|bild|credit|image|imagen)\s?:.{1,80}",
        r"(abbildung|abb\.|figure|fig\.)\s?{n}\s?[:.].{1,200}",
    ],
}

# Copyright and licence notices, news-agency sign-offs and contact lines under the text.
NOTICES = {
    "en": [
        r".{0,120}(all rights reserved|copyrighted property|may not be (re)?published"
        r"|without (prior )?written permission).{0,160}",
    ],
    "de": [
        r".{0,120}(alle rechte vorbehalten|urheberrechtlich geschützt).{0,160}",
        r"(alle )?angaben ohne gewähr",
        r"sofern nicht anders (angegeben|ausgewiesen|vermerkt).{0,200}",
    ],
    "pl": [r"materiał chroniony prawem autorskim.{0,160}"],
    "any": [
        # "(dpa)", "aja/PAP", "AFP/sda": an agency credit alone on its line
        r"(\w{2,5} ?/ ?)?(dpa|afp|apa|ap|pap|sda|kna|epd|reuters|ansa|efe|kap|ots)( ?/ ?\w{2,5})*",
        r"(tel|tel\.|telefon|phone|fax|telefax|mobil|mobile)\.?:? ?\+?[\d ()/.-]{6,30}",
    ],
}

# Reading-time and date stamps that page templates put above or below the text.
STAMPS = {
    "en": [
        r"{n} min(ute)?s? read|(estimated )?reading time:? .{1,20}",
        r"(last (modified|updated)|updated( on)?|published( on)?):? .{0,30}\d{4}.{0,12}",
    ],
    "de": [
        r"(lesezeit|lesedauer):? .{1,20}|{n} min(\.|uten)? lesezeit",
        r"(letzte änderung|zuletzt aktualisiert|aktualisiert( am)?|erstellt am):?"
        r" ?[\d. :]{6,25}( uhr)?",
    ],
    "es": [r"tiempo de lectura:? .{1,20}"],
    "pl": [r"ten tekst przeczytasz w .{1,30}"],
    # a line that is only a date or a time; the month spelled out: "3. März 2024", "May 6, 2022"
    "any": [
        r"({n}\.? )?({months})( {n})?,? {n}(,? (um |at |o )?{n}:{n}( ?(uhr|am|pm))?)?",
        r"{n} de ({months}) de {n}",
        r"{n}\. ?{n}\. ?{n}( um)?( {n}:{n}( uhr)?)?",
        r"\d{4}-\d{2}-\d{2}( {n}:{n})?|{n}:{n}( ?(am|pm|uhr))?",
    ],
}

# Class or id words of the lead paragraph that templates print under the title (a standfirst).
# Cookie and consent notices as a text scrape leaves them (C4's line rules drop "cookie" lines too):
# the site speaking about its cookies, in the languages of the corpus. Read by the text path only.
CONSENT_NOTICE = (
    r"\b(?:this|our) (?:web)?site uses cookies\b|\bwe use cookies\b|\buse of cookies\b"
    r"|\b(?:diese|unsere) (?:website|webseite|seite) (?:verwendet|nutzt) cookies\b"
    r"|\bwir (?:verwenden|nutzen|setzen) cookies\b|\bcookie-?einstellungen\b"
    r"|\b(?:ce site|nous) utilis(?:e|ons) des cookies\b"
    r"|\b(?:este sitio|utilizamos) (?:web )?(?:utiliza )?cookies\b"
    r"|\b(?:questo sito|utilizziamo) (?:utilizza )?(?:i )?cookie\b"
    r"|\bten serwis (?:wykorzystuje|używa) (?:pliki )?cookies?\b"
)

STANDFIRST_CLASSES = (
    r"lead|intro|teaser|standfirst|subtitle|summary|excerpt|\bdek\b|deck|abstract|description|sub-?head"
)

# Reader-comment containers, recognised by markup before trafilatura reads the page. A class or id
# is split into words at spaces, "-" and "_" ("comments-area", "disqus_thread", "kommentare");
# one word must be one of these whole, so "commentary" or "recommended" never match.
COMMENT_CONTAINER_WORDS = (
    r"comments?|commentlist|commentform|comment(s)?(list|area|block|box|section|wrapper|container)"
    r"|kommentare?|leserkommentare|kommentarbereich|commentaires?|comentarios?|komentarze|disqus"
)
# schema.org item types of a comment or a comment thread.
COMMENT_CONTAINER_ITEMTYPES = ("schema.org/Comment", "schema.org/UserComments")
# Block containers only: a comment class on a link or a span is a counter, not the thread. A
# heading named so opens the thread: the comment blocks after it go with it.
COMMENT_CONTAINER_TAGS = ("div", "section", "aside", "article", "ol", "form", "h2", "h3", "h4")
# Any class or id that mentions comments, for dates: a date in such a block is a reader's, and a day
# taken from one is read again without them ("commentary" is an article genre, not a comment).
COMMENT_MENTION = r"comment(?!ar)"
# trafilatura's own comment rule (from its AUTHOR_DISCARD_XPATHS, 2.3): an author found inside such a
# block is a commenter. Kept letter for letter (case-sensitive) so the author guess answers as
# trafilatura's extract_author does.
TRAFILATURA_COMMENT_IDS = r"^comments|comment-?list"
TRAFILATURA_COMMENT_CLASSES = r"^[Cc]omments|commentlist|comments-list"
# Class or id words that mark a comment's author line or picture; inside a container that holds
# most of the page they tell a reader's comment from a live ticker's entry.
COMMENT_AUTHOR_WORDS = frozenset(("author", "avatar", "user", "username", "commenter", "vcard"))

# Blocks whose dates belong to other posts, to readers or to embedded posts, not to the article:
# by tag, and by a class or id mentioning one of these (or comments, COMMENT_MENTION).
NOT_ARTICLE_TAGS = frozenset(("nav", "aside", "footer", "blockquote"))
NOT_ARTICLE_CLASSES = (
    r"related|teaser|sidebar|widget|footer|recommend|trending|popular|slider|carousel"
    r"|embed|instagram|twitter|tweet"
)
# Hidden blocks, by class or inline style.
# "aural" and "element-invisible" are screen-reader-only classes (GSB, Drupal), like "sr-only".
HIDDEN_CLASSES = (
    r"(?:^|[\s_-])(?:hidden|h-hide|hide|sr-only|visually-hidden|screen-reader|invisible|aural)(?:$|[\s_-])"
    r"|display:\s*none"
)
# Class words with "hidden" that do not hide the element: a part of it (Drupal's "field--label-hidden"
# hides the field's label, not its value; "overflow-hidden" clips), or one screen size only
# ("hidden-xs", "elementor-hidden-phone", "mobile-hidden").
NOT_HIDING_CLASSES = (
    r"(?:label|title|overflow|lazy)[_-]+hidden"
    r"|hidden[_-]+(?:xs|sm|md|lg|xl|phone|mobile|tablet|desktop)\b|(?:mobile|phone|tablet|desktop)[_-]+hidden"
)

# Titles of error pages ("404", "Seite nicht gefunden"): with little text, such a title decides.
ERROR_PAGE_TITLES = (
    r"\b(?:404|410|not found|page not found|seite nicht gefunden|nicht gefunden|page introuvable"
    r"|página no encontrada|pagina non trovata|nie znaleziono)\b"
)

# Author labels around a name ("View all posts by", "Von", "责任编辑："), stripped from it.
AUTHOR_LABELS = (
    r"^(?:view all posts by|all posts by|posted by|written by|geschrieben von|verfasst von|"
    r"(?:ein )?(?:beitrag|artikel|text) von|interview:|text:|auteur|autor(?:in)?:?|author:?|"
    r"by|von|vom|par|por|责任编辑[:：]|编辑[:：]|作者[:：])\s*"
)
# Words that sit where an author's name should and are not one (form labels, roles, placeholders).
NOT_AUTHOR_NAMES = frozenset(
    (
        "admin",
        "administrator",
        "name",
        "datum",
        "date",
        "follow",
        "beitrag",
        "no author",
        "wordpressadmin",
        "human",
        "author",
        "autor",
        "anonymous",
        "unknown",
        "guest",
        # CMS placeholders: Joomla's first user, a template's publisher field, an untitled profile
        "super user",
        "publisher",
        "unbenannt",
        "untitled",
        "anonym",
        "anonyme",
        "anonimo",
        "anónimo",
    )
)
