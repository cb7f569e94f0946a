"""promo.call_to_action_score: calls to action judged by intent and shape, in many languages.

Each line here is one no fragment of selectors.py was written for (test_promo covers those).
"""

from __future__ import annotations

import pytest
from article_ingest.extract import intents, promo
from article_ingest.extract.promo import call_to_action_logit, call_to_action_score, is_call_to_action

MUST_GO = [
    # pin / tag / reblog, "link in bio", "follow me for more"
    "Pin it for later!",
    "Tag a friend who needs this!",
    "Reblog if you agree",
    "Follow me for more",
    "Buy me a coffee",
    "If you like my work, you can support me on Ko-fi.",
    # newsletters of councils and clubs, newsroom tip lines, donation appeals
    "Sign up for the Parish Council e-newsletter",
    "Got a story? Email us at tips@example.org",
    "Have a news tip? Contact our newsroom.",
    "Please donate to keep this site running.",
    "Download our app for the latest news",
    "Don't forget to like and subscribe!",
    "DM me for collabs",
    "Have a tip? Send it to tips@example.org",
    "Got a news tip? Call our newsroom on 0123 456 789",
    "The club's e-news goes out every Friday – sign up here",
    "Want to support independent journalism? Make a donation today.",
    # other languages
    "Підписуйтесь на наш канал",
    "Підписуйтесь на наш Telegram-канал, щоб першими дізнаватися новини",
    "Подписывайтесь на наш Telegram",
    "Поддержите нас: donate.example.org",
    "Obserwuj nas na Facebooku",
    "Pobierz naszą aplikację",
    "Abonnez-vous à notre newsletter",
    "Téléchargez notre application",
    "Folgt uns auf Instagram",
    "Jetzt Newsletter abonnieren",
    "Unterstützen Sie uns mit einer Spende!",
    "Síguenos en Instagram y TikTok",
    "Escríbenos a redaccion@example.org",
    "Seguici su Instagram",
    "Scarica la nostra app",
    "Siga-nos no Instagram",
    "Inscreva-se no nosso canal",
    "Volg ons op Instagram",
    "Meld je aan voor onze nieuwsbrief",
    # imperatives with their object attached, and a call after "then"
    "Ti è piaciuto questo articolo? Condividilo con i tuoi amici!",
    "¡Guárdala en Pinterest y compártela con quien más quieras!",
    "Hat dir der Beitrag geholfen? Dann pinne ihn dir auf Pinterest!",
    "Recevez nos prochains articles par e-mail, une fois par mois.",
    "Zobacz mój film na YouTube – link w opisie kanału!",
    # a blog's follow-by-email box: the blog and its notifications are what the reader subscribes to
    "Follow Blog via Email",
    "Subscribe to the blog",
    "Enter your email address to follow this blog and receive notifications of new posts by email.",
    # the call after a condition's comma: "if you liked it, ..."
    "Psst, if you enjoyed this recipe, pin it to your Pinterest board so you can find it again!",
    "Si te ha gustado, no olvides seguirnos en Instagram.",
    "Se ti è piaciuto questo articolo, condividilo con i tuoi amici!",
    "Якщо вам сподобалась стаття, поділіться нею з друзями.",
    # a call of several words before its colon, a call after another, the object after the call
    "Get the app: free on iOS and Android.",
    "Got a story we should cover? Get in touch: news@example.org",
    "Apoya el periodismo independiente: hazte socio.",
    "Soutenez le journalisme indépendant : faites un don.",
    "Gostou? Então siga o blog no Instagram para mais receitas.",
    "Know someone who would love this? Tag them below!",
    "Don't forget to like and share this post!",
    "Listen to our podcast wherever you get your podcasts.",
    # a call after a comma, a call that asks to stay informed, an infinitive the place leads to
    "Pour ne rien manquer, inscrivez-vous à notre newsletter hebdomadaire.",
    "Stay in the loop: get the town's e-bulletin delivered to your inbox.",
    "Blijf op de hoogte en meld je aan voor de digitale nieuwsbrief van de gemeente.",
    "Den Newsletter der Gemeinde können Sie hier abonnieren.",
    "Підтримати редакцію можна через Monobank або PayPal.",
    "Seen something newsworthy? WhatsApp our news desk on 07700 900123.",
    # no call, but the channel and the address to reach it, at the end of the line
    "More recipes over on my Instagram, @kitchenwithmara.",
    "Hinweise gerne per Mail an hinweise@example.de.",
    "Читайте нас в Telegram: t.me/example_news",
    # a network as the place of a share or follow, a tip jar in other words, other forms of the verbs
    "Gostou da receita? Salve no Pinterest para não perder!",
    "¿Te ha resultado útil? Compártelo en tus redes sociales.",
    "Não se esqueça de seguir o blog no Instagram.",
    "Ti piace il nostro lavoro? Offrici un caffè!",
    "If you found this useful, consider buying me a coffee.",
    "Lass gerne ein Like da und teile den Beitrag mit deinen Freunden.",
    "Zapraszamy do polubienia naszego profilu na Facebooku.",
    "Долучайтеся до нашої спільноти в Instagram.",
    "Понравилась статья? Поставьте лайк и поделитесь с друзьями!",
    "Вступайте в нашу группу ВКонтакте.",
    "Was het nuttig? Like en deel het met je vrienden!",
    "Alle Warnungen sofort aufs Handy – jetzt kostenlos im App Store laden.",
    # a pictograph before the call; the plural and informal imperatives; the bio link in more languages
    "👉 Follow us on Instagram for more recipes",
    "📌 Épinglez cette recette sur Pinterest !",
    "Seguidme en Instagram para más rutas.",
    "Iscrivetevi alla nostra newsletter!",
    "Todas as receitas estão no link da bio.",
]

MUST_STAY = [
    # the same verbs, not addressed to the reader
    "Les abonnés recevez chaque mois une lettre.",
    "Recevez-vous des lettres de vos lecteurs?",
    "Il museo ha deciso di condividere le foto dell'archivio con le scuole.",
    "Dann folgte eine lange Pause, bevor der Bürgermeister antwortete.",
    # articles that report on social media
    "The senator said on Twitter that he would resign.",
    "Users who follow the company on Instagram noticed the announcement first.",
    "Der Minister schrieb auf Instagram, er werde zurücktreten.",
    "Президент заявив у Telegram, що переговори тривають.",
    # quotes that contain "subscribe"
    "“Subscribe to my channel,” the YouTuber told the court.",
    "„Abonniert unseren Kanal!“, rief der Streamer.",
    # a how-to whose steps say "Click Subscribe"
    "Click Subscribe to get notified of new videos.",
    "Follow the instructions on your screen.",
    "Follow the instructions on your screen to allow notifications from the browser.",
    "Follow these six steps to set up a nursery in a small room:",
    "Click the bell icon next to the button and choose All.",
    "Call your doctor if the fever lasts more than three days.",
    "Why does it matter? Follow the money.",
    # donations in a news report
    "Donations can be made at the town hall until Friday.",
    "The charity received donations of $2 million last year, its director said.",
    "Die Tafel bittet um Spenden, sagte die Vorsitzende am Montag.",
    # imperative-looking sentences that ask for nothing
    "Share prices of rival firms rose slightly.",
    "Support for the plan fell to 40 percent in May.",
    "Like it or not, the law passed.",
    "Tip: add salt to taste.",
    "E-Mail: presse@example.org",
    "Ich gehe gerne mit Personen angeln, die meine Angelphilosophie teilen.",
    "Wer dem Verein auf Instagram folgt, sieht dort die aktuelle Liste.",
    "Save me, Hadvar!",
    # a condition, then an instruction that asks nothing for the site
    "If it rains, follow the signs to the shelter.",
    "If the fever lasts, call your doctor.",
    "Si llueve, sigue el camino de la izquierda.",
    "Wenn der Akku leer ist, lade das Gerät über Nacht.",
    "Listen to the recording and note the three mistakes.",
    "Download: 12 MB",
    "Follow the river to the mill, then cross the bridge.",
    "Once the dough has risen, share it between two tins.",
    "So geht's, Tag für Tag",
    "Guarde o bolo no frigorífico durante duas horas.",
    "Share prices of social media companies fell on Monday.",
    "Die Stadt teilt die Fotos des Festes auf Instagram.",
    "Seguir em frente foi a única opção, disse o treinador.",
    "Die Batterien muss man jetzt jede Nacht laden.",
    "Der Akku lässt sich jetzt auch kabellos laden.",
    "✅ Follow the signs to the exit.",
    # a follow call whose line names an app elsewhere: what it follows is the instructions
    "Follow the instructions in the app to finish.",
    "Abre la app del banco, pulsa «Bizum» y sigue las instrucciones en pantalla.",
    "➡ Entre as duas cidades há trinta quilómetros.",
    "Meanwhile, support for the plan fell to 40 percent.",
    "Bürger können sich ab Montag online anmelden.",
    "Підтримати ініціативу вирішили двадцять депутатів.",
    # an account or a post reported, an address that only names a network, a note to other newsrooms
    "The account @NASA on Twitter has more than 50 million followers.",
    "Meine Mutter ist jederzeit auf die Apokalypse vorbereitet. pic.twitter.com/qc6VqGZYA2",
    "https://www.facebook.com/DwyersOfCork/posts/2800731780195723",
    "Achtung Redaktion: Fotos zum Download finden Sie hier: https://bit.ly/3wdTgn1",
    "Zeugen werden gebeten, sich bei der Polizei zu melden: hinweise@polizei.example.de",
    # a blog spoken of, not subscribed to
    "I started this blog in 2015 to write about bread.",
    "Readers can follow the blog of the ministry, which posts updates daily.",
    "Die Gewerkschaft folgt dem Blog des Ministeriums.",
]


@pytest.mark.parametrize("line", MUST_GO)
def test_a_call_to_action_goes(line: str) -> None:
    assert is_call_to_action(line), call_to_action_logit(line)


@pytest.mark.parametrize("line", MUST_STAY)
def test_a_sentence_about_the_same_things_stays(line: str) -> None:
    # also where a call would most likely stand: after the article's last paragraph
    assert not is_call_to_action(line, position="tail"), call_to_action_logit(line, position="tail")


def test_a_link_at_the_end_and_the_place_after_the_text_decide_a_bare_call() -> None:
    # Given a call that names neither the site nor a network: "Síguenos en" followed by links
    line = "Síguenos en"
    # Then by its words alone it is not judged a call, and with its link after the text it is
    assert not is_call_to_action(line)
    assert is_call_to_action(line, linked=True, position="tail")


def test_a_paragraph_that_ends_in_a_call_stays() -> None:
    paragraph = (
        "At the plant, we test every battery for a week before it ships to a customer anywhere in "
        "the world. Follow us to stay up to date on what we learn, and subscribe to our YouTube "
        "channel for video updates on the new production line, which opens in March next year "
        "with two hundred workers from the region and a training centre of its own."
    )
    assert not is_call_to_action(paragraph, position="tail")


def test_the_score_is_a_probability_and_zero_for_long_prose() -> None:
    assert 0.5 < call_to_action_score("Follow us on Instagram") <= 1
    assert call_to_action_score("x" * (intents.MAX_CHARS + 1)) == 0.0
    assert call_to_action_logit("x" * (intents.MAX_CHARS + 1)) is None


def test_every_language_of_the_lexicon_has_calls_of_every_intent() -> None:
    languages = {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "uk", "ru"}
    for intent, by_language in intents.CALLS.items():
        assert languages <= set(by_language), intent
    for table in (intents.SELF, intents.SECOND_PERSON, intents.REPORTING, intents.LEADS, intents.PLEAS):
        assert languages <= set(table)


@pytest.mark.parametrize(
    "line",
    [
        "Thank you!",
        "THANK YOU, READERS",
        "You’re welcome",
        "Youth football returns",
        "Vielen Dank für Ihre Spende",
        "DANKE FÜR EURE GRÜSSE",
        "Straße und Platz",
        "İhr Beitrag",
        "Vous ſavez",
        "ΣΑΣ ευχαριστούμε",
        "Дякуємо ВАМ",
        "Спасибо ᲀам",
        "Państwo Kowalscy",
        "No reader is addressed here",
    ],
)
def test_the_reader_is_found_addressed_where_the_pattern_finds_it(line: str) -> None:
    # Given a line normalised, in any case, with or without a letter lower() reads unlike re
    text = promo.normalize_line(line)
    folded = text.casefold()
    # When its words are looked up
    found = promo._addresses_reader(text, folded, promo._TOKEN.findall(folded))
    # Then the answer is the search's
    assert found == bool(promo._YOU.search(text))


def test_a_table_looked_up_by_word_holds_no_stem_and_no_phrase_of_its_own() -> None:
    assert promo._one_words({"en": "you|you're"}) == {"you"}
    with pytest.raises(ValueError):
        promo._one_words({"en": "you|thank you"})
    with pytest.raises(ValueError):
        promo._one_words({"en": "you|yours*"})
