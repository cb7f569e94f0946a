"""What a call to action is made of, as data: the words of each intent, by language, and the words
of its shape (who is addressed, who speaks, who reports). promo.call_to_action_score weighs them.

Unlike selectors.py, nothing here describes a whole line, and nothing is a regular expression: an
entry is a word or a short word group (entries are joined by "|"), matched case-insensitively as
whole words; one ending in "*" is a stem and matches the words it starts ("рассылк*" holds
"рассылку"). Adding a language means adding keys here, not code. Languages: en, de, fr, es, it, pt,
nl, pl, uk, ru.
"""

from __future__ import annotations

# The imperative forms that ask the reader to act, by intent. A form that carries its object
# ("síguenos", "seguici", "abonnez-vous") names the site itself, like "us" after "follow".
CALLS = {
    "subscribe": {
        "en": (
            "subscribe|sign up|sign-up|signup|register|opt in|join|stay in the loop|stay up to date"
            "|stay informed|keep up to date|never miss|don't miss"
        ),
        "de": (
            "abonniere|abonniert|abonnieren sie|melde dich|meldet euch|melden sie sich"
            "|registriere dich|registrieren sie sich|trag dich|tragen sie sich|bleib auf dem laufenden"
            "|bleiben sie auf dem laufenden|verpasse nichts|verpassen sie nichts"
        ),
        "fr": (
            "abonnez-vous|abonne-toi|inscrivez-vous|inscris-toi|rejoignez-nous|recevez|restez informé"
            "|restez informés|ne manquez rien"
        ),
        "es": (
            "suscríbete|suscribete|suscríbase|suscribíos|regístrate|registrate|únete|unete|uníos"
            "|mantente informado|no te pierdas"
        ),
        "it": (
            "iscriviti|iscrivetevi|abbonati|registrati|unisciti|unitevi|resta aggiornato|resta aggiornata"
            "|restate aggiornati"
        ),
        "pt": (
            "assine|inscreva-se|inscreve-te|subscreva|cadastre-se|registe-se|junte-se|junta-te|entra na"
            "|entre na|fique por dentro|fique atualizado"
        ),
        "nl": "abonneer|schrijf je in|meld je aan|word lid|blijf op de hoogte",
        "pl": (
            "subskrybuj|zasubskrybuj|zapisz się|zapisz sie|dołącz|zarejestruj się|bądź na bieżąco|nie przegap"
        ),
        # The infinitive opens a call too: "Підписатися на розсилку можна тут".
        "uk": (
            "підписуйтесь|підписуйтеся|підпишіться|підпишись|приєднуйтесь|приєднуйтеся|будьте в курсі"
            "|не пропустіть|підписатися"
        ),
        "ru": "подписывайтесь|подпишитесь|подпишись|присоединяйтесь|будьте в курсе|не пропустите|подписаться",
    },
    "follow": {
        "en": "follow|find us|find me|connect with|like us|like our page|like my page|listen to|tune in",
        "de": "folge|folgt|folgen sie|besuche|besucht|besuchen sie|findet uns|finde uns|hör rein|hört rein",
        "fr": "suivez|suivez-nous|suis-nous|retrouvez|retrouvez-nous|rejoignez|écoutez",
        "es": (
            "síguenos|siguenos|sígueme|sigueme|síganos|sigue|siga|seguid|seguidnos|seguidme|encuéntranos"
            "|escucha|seguirnos|seguirme"
        ),
        "it": "seguici|seguimi|segui|seguite|seguiteci|seguitemi|trovaci|ascolta|ascoltate|seguirci|seguirmi",
        "pt": (
            "siga-nos|sigam-nos|siga|segue-nos|segue|me segue|sigam|seguir|acompanhe|acompanhe-nos|ouça"
            "|escute"
        ),
        "nl": "volg|volg ons|volgt ons|luister",
        # "Zapraszamy do polubienia naszego profilu": the noun of the act after the plea
        "pl": (
            "obserwuj|obserwujcie|śledź|sledz|śledźcie|polub|posłuchaj|słuchaj|polubienia|obserwowania"
            "|śledzenia"
        ),
        "uk": (
            "стежте|слідкуйте|підписуйтесь|долучайтесь|долучайтеся|вступайте|слухайте|послухайте"
            "|читайте нас|дивіться нас"
        ),
        "ru": (
            "следите|подписывайтесь|присоединяйтесь|вступайте|вступите|слушайте|послушайте|читайте нас"
            "|смотрите нас"
        ),
    },
    "share": {
        "en": "share|pin|repin|tag|reblog|retweet|forward|like and share|like & share",
        "de": "teile|teilt|teilen sie|pinne|markiere|markiert|leite|leitet|lass ein like|lasst ein like",
        "fr": "partagez|partage|épinglez|identifiez",
        "es": (
            "comparte|compártelo|compartelo|compártela|compartela|comparta|compartid|compartidlo|etiqueta"
            "|etiquétalo|etiquétala|etiquétanos|etiquetadnos|etiquetad|reenvía|guárdala|guardala|guárdalo"
            "|guardalo"
        ),
        "it": (
            "condividi|condividete|condividilo|condividila|condividetelo|condividetela|tagga|taggate"
            "|taggami|taggaci|taggatemi|taggateci|inoltra"
        ),
        "pt": "compartilhe|partilhe|marque|me marca|salve|guarde|salva|manda",
        "nl": "deel|deel dit|tag|pin|like en deel",
        "pl": "udostępnij|udostepnij|podziel się|oznacz|przypnij",
        "uk": "поширте|поширюйте|поділіться|діліться|відмітьте|позначте|поставте лайк|ставте лайк",
        "ru": "поделитесь|делитесь|репостните|отметьте|поставьте лайк|ставьте лайк",
    },
    "donate": {
        "en": "donate|support|chip in|contribute|become a patron|become a member|buy me|make a donation",
        "de": (
            "spende|spendet|spenden sie|unterstütze|unterstützt|unterstützen sie|werde mitglied"
            "|werden sie mitglied"
        ),
        "fr": "faites un don|soutenez|soutenez-nous|donnez|fais un don|devenez membre",
        "es": (
            "dona|haz una donación|hazte socio|hazte socia|hazte miembro|apóyanos|apoyanos|apoya"
            "|colabora|contribuye"
        ),
        "it": "dona|sostienici|sostieni|fai una donazione|supportaci|contribuisci|diventa socio",
        "pt": "doe|apoie|apoie-nos|contribua|faça uma doação|torne-se membro|seja membro",
        "nl": "doneer|steun|steun ons|word donateur",
        "pl": "wesprzyj|wspieraj|wpłać|przekaż|postaw mi",
        "uk": "підтримайте|підтримай|задонатьте|донатьте|допоможіть|підтримати",
        "ru": "поддержите|поддержи|задонатьте|помогите|поддержать",
    },
    "app": {
        "en": (
            "download|get the app|get our app|get our free app|grab the app|grab our app|grab our free app"
            "|install"
        ),
        "de": "lade|laden sie|hol dir|holen sie sich|installiere|installieren sie",
        "fr": "téléchargez|télécharge|installez",
        "es": "descarga|descargue|descárgate|instala",
        "it": "scarica|scaricate|installa",
        "pt": "baixe|descarregue|instale",
        "nl": "download|installeer",
        "pl": "pobierz|ściągnij|zainstaluj",
        "uk": "завантажуйте|завантажте|встановіть",
        "ru": "скачайте|скачивайте|установите|загрузите",
    },
    "contact": {
        "en": (
            "email|e-mail|write to|contact|send|tell|get in touch|let us know|let me know|drop us|reach us"
            "|call|dm me|dm us|message me|message us|whatsapp"
        ),
        "de": (
            "schreiben sie|schreibt|schreib|kontaktieren sie|kontaktiere|sende|senden sie"
            "|schicken sie|schick|mailen sie|melden sie sich bei"
        ),
        "fr": "écrivez-nous|écrivez|contactez-nous|contactez|envoyez|signalez",
        "es": (
            "escríbenos|escribenos|escriba|escribidnos|contáctanos|contactanos|envíanos|envianos|envía"
            "|cuéntanos|cuentanos|cuéntanoslo|contadnos"
        ),
        "it": "scrivici|scrivi|scrivete|contattaci|contattateci|inviaci|segnalaci",
        "pt": "escreva-nos|escreva|contacte-nos|contate-nos|envie|envie-nos|fale conosco",
        "nl": "mail ons|mail|schrijf ons|neem contact op|stuur|tip ons|laat het ons weten",
        "pl": "napisz|napiszcie|skontaktuj się|wyślij|przyślij|daj znać|dajcie znać",
        "uk": "напишіть|пишіть|надсилайте|надішліть|повідомте",
        "ru": "напишите|пишите|присылайте|пришлите|сообщите",
    },
}

# German and Dutch ask with an infinitive at the end: "Jetzt Newsletter abonnieren", "Nu doneren".
FINAL_CALLS = {
    "de": (
        "abonnieren|anmelden|registrieren|folgen|teilen|spenden|unterstützen|herunterladen|downloaden|laden"
    ),
    "nl": "abonneren|aanmelden|inschrijven|volgen|delen|doneren|steunen|downloaden",
}
# Where or when, opening the clause the infinitive closes, makes a longer line a call too: "Den
# Newsletter können Sie hier abonnieren", "… – jetzt kostenlos im App Store laden".
FINAL_CALL_LEADS = {
    "de": "hier|jetzt|gleich|direkt|online|kostenlos",
    "nl": "hier|nu|direct|online|gratis",
}

# What a call names. Whole words; "*" ends a stem ("newsletter*" holds "newsletters", "newslettera").
NOUNS = {
    "en": (
        "newsletter*|e-news*|enews*|e-bulletin*|mailing list|inbox|channel|podcast*"
        "|feed|donation*|membership|patron*|subscriber*|subscription*|app|apps|news tip*|tip line"
        "|story idea*|updates|app store|google play|play store|blog"
    ),
    "de": (
        "newsletter*|kanal|kanäle|spende*|mitglied*|abo|abos|abonnement*|app|hinweis*"
        "|updates|neuigkeiten|blog"
    ),
    "fr": (
        "newsletter*|lettre d'information|infolettre*|chaîne*|abonnement*|appli*|application*|actualités|blog"
    ),
    "es": (
        "boletín|boletin|newsletter*|canal|donación|donacion|suscripción|aplicación|app"
        "|novedades|noticias|blog"
    ),
    "it": "newsletter*|canale|donazion*|abbonament*|app|aggiornamenti|notizie|blog",
    "pt": "newsletter*|canal|doação|doacao|assinatura|aplicativo|app|novidades|notícias|blog",
    "nl": "nieuwsbrie*|kanaal|donatie*|abonnement*|app|updates|nieuws|blog",
    "pl": (
        "newsletter*|kanał*|kanal*|darowizn*|subskrypcj*|aplikacj*|profil*|fanpage*|nowości|wiadomości|blog*"
    ),
    "uk": "розсилк*|канал*|сторінк*|донат*|підписк*|застосун*|додат*|новин*",
    "ru": "рассылк*|канал*|страниц*|донат*|подписк*|приложени*|новост*",
    # Networks and platforms are named the same in every language ("Facebooku", "Telegramie").
    "any": (
        "tiktok*|instagram*|facebook*|twitter*|youtube*|linkedin*|pinterest*|telegram*|whatsapp*"
        "|mastodon*|threads|bluesky|snapchat*|vk|вконтакте|viber*|google news|spotify|rss"
        "|substack|tumblr|x.com"
    ),
}

# The newsroom, which a call names but which alone shows no way to reach the site: "Achtung
# Redaktion: Fotos zum Download unter bit.ly/…" addresses other newsrooms.
NEWSROOM = {
    "en": "news desk|newsdesk|newsroom",
    "de": "redaktion",
    "fr": "rédaction",
    "es": "redacción",
    "it": "redazione",
    "pt": "redação",
    "nl": "redactie",
    "pl": "redakcj*",
    "uk": "редакці*",
    "ru": "редакци*",
}

# Phrases only a call to action uses, in any language: they weigh as much as a call.
MARKS = (
    "link in bio|link in my bio|link in the bio|link in profile|tip jar|buy me a coffee"
    "|buymeacoffee|ko-fi|kofi|patreon|liberapay|paypal.me|steadyhq|reblog|link w bio|link w opisie"
    "|ссылка в профиле|посилання в профілі|lien en bio|lien dans la bio|enlace en la bio|link en la bio"
    "|link en bio|link nella bio|link da bio|link na bio|link in der bio"
    "|link in bio|kaffeekasse|like and subscribe|like, share and subscribe|hit the bell|ring the bell"
    "|smash that like|smash the like|buying me a coffee|buy us a coffee|buying us a coffee|offrimi un caffè"
    "|offrici un caffè|invítame a un café|invitame a un cafe|paga-me um café|spendier mir einen kaffee"
    "|postaw mi kawę|postaw nam kawę|купи мне кофе|купіть мені каву|ein like da|ein like dalassen"
)

# Words with which a site or an author speaks of itself as the object of the call ("follow us").
SELF = {
    "en": "us|our|me|my",
    "de": "uns|unser|unsere|unseren|unserem|unserer|mir|mich|mein|meine|meinen|meinem",
    "fr": "nous|notre|nos|moi|mon|ma|mes",
    "es": "nos|nuestro|nuestra|nuestros|nuestras|me|mi|mis",
    "it": "ci|noi|nostro|nostra|nostri|nostre|mi|mio|mia",
    "pt": "nos|nosso|nossa|nossos|nossas|conosco|me|meu|minha",
    "nl": "ons|onze|mij|me|mijn",
    "pl": (
        "nas|nasz|nasza|nasze|naszego|naszej|naszym|naszą|naszych|mnie|mój|moja|moje|mojego|mojej|moim"
        "|moją|moich"
    ),
    "uk": (
        "нас|наш|наша|наше|наші|нашого|нашої|нашому|нашу|нашій|наших|нам|мене|мій|моя|моє|мої|моєму|моїй|моїх"
    ),
    "ru": (
        "нас|наш|наша|наше|наши|нашего|нашей|нашему|нашу|нашем|наших|нам|меня|мой|моя|моё|мои|моем"
        "|моём|моей|моих"
    ),
}

# What a share call points at: "share this", "tag a friend", "pin it for later".
SHARE_OBJECTS = {
    "en": "this|it|them|a friend|someone|your friends|for later",
    "de": "dies|diesen|diese|das|es|freund|freundin|freunden|den beitrag|den artikel",
    "fr": "cet|cette|ceci|ami|amie|amis",
    "es": "esto|esta|este|amigo|amiga|amigos",
    "it": "questo|questa|amico|amica|amici",
    "pt": "isto|isso|este|esta|amigo|amiga|amigos",
    "nl": "dit|deze|het|vriend|vriendin|vrienden",
    "pl": "to|ten|tę|ten artykuł|znajomym|znajomego|przyjaciela",
    "uk": "це|цю|цей|нею|ним|друзям|друзями|друга",
    "ru": "это|эту|этот|ею|им|друзьям|друзьями|друга",
}

# What a share is split by: "share it between two tins" is a step of a recipe, not an ask.
SHARE_SPLITS = {
    "en": "between|among|amongst|equally|evenly",
    "de": "zwischen|gleichmäßig",
    "fr": "entre",
    "es": "entre",
    "it": "tra|fra",
    "pt": "entre",
    "nl": "tussen",
    "pl": "między|pomiędzy",
    "uk": "між",
    "ru": "между",
}

# Words a call opens with: "Please subscribe", "Don't forget to follow", "Jetzt abonnieren".
LEADS = {
    "en": (
        "please|do|and|also|now|just|so|why not|don't forget to|dont forget to|be sure to"
        "|make sure to|remember to|consider|please consider|feel free to|you can|you can also"
        "|click here to|tap here to|want more|or|enter your email to|enter your email address to"
        "|enter your e-mail address to"
    ),
    "de": "bitte|jetzt|dann|und|auch|gerne|gern|einfach|hier|vergiss nicht|vergessen sie nicht|oder",
    "fr": "et|aussi|alors|n'oubliez pas de|n’oubliez pas de|pensez à|vous pouvez|ou",
    "es": "y|también|entonces|no olvides|no olvide|puedes|ahora|o",
    "it": "e|anche|allora|non dimenticare di|non dimenticate di|ora|puoi|o",
    "pt": "e|também|então|não se esqueça de|não deixe de|agora|ou",
    "nl": "en|ook|dan|vergeet niet|vergeet niet om|nu|of",
    "pl": "i|oraz|także|też|koniecznie|nie zapomnij|zapraszamy do|teraz|lub",
    "uk": "і|й|та|також|тож|тоді|не забудьте|обов'язково|обов’язково|зараз",
    "ru": "и|также|тогда|не забудьте|обязательно|сейчас",
}

# Leads that plead: a call after one of them is an appeal, not a step of instructions.
PLEAS = {
    "en": (
        "please|please consider|consider|don't forget to|dont forget to|be sure to|make sure to"
        "|remember to|why not"
    ),
    "de": "bitte|vergiss nicht|vergessen sie nicht",
    "fr": "n'oubliez pas de|n’oubliez pas de|pensez à|s'il vous plaît",
    "es": "por favor|no olvides|no olvide",
    "it": "per favore|non dimenticare di|non dimenticate di",
    "pt": "por favor|não se esqueça de|não deixe de",
    "nl": "alsjeblieft|alstublieft|vergeet niet|vergeet niet om",
    "pl": "proszę|koniecznie|nie zapomnij|zapraszamy do",
    "uk": "будь ласка|не забудьте|обов'язково|обов’язково",
    "ru": "пожалуйста|не забудьте|обязательно",
}

# Words that address the reader.
SECOND_PERSON = {
    "en": "you|your|you're|you’re",
    "de": "du|dich|dir|dein|deine|ihr|euch|euer|eure|sie|ihnen",
    "fr": "vous|votre|vos|tu|ton|ta|tes|toi",
    "es": "tú|tu|tus|usted|te|ti",
    "it": "tu|tuo|tua|voi|vostro|vostra|ti",
    "pt": "você|voce|vocês|seu|sua|te",
    "nl": "je|jij|jouw|u|uw|jullie",
    "pl": "ty|ciebie|twój|twoja|wy|was|wasz|państwo",
    "uk": "ти|тебе|твій|ви|вас|ваш|ваша|вам",
    "ru": "ты|тебя|твой|вы|вас|ваш|ваша|вам",
}

# A line that reports what someone said or did ("the senator said on Twitter") is news, not a call.
REPORTING = {
    "en": "said|says|told|wrote|tweeted|posted|announced|according to|urged|asked|reported|claimed|added",
    "de": "sagte|sagt|erklärte|schrieb|teilte|betonte|forderte|rief|laut|berichtete|kündigte|bittet|gebeten",
    "fr": "a déclaré|a dit|a écrit|a annoncé|selon|affirme|a affirmé|a appelé",
    "es": "dijo|afirmó|escribió|anunció|según|declaró|pidió|aseguró",
    "it": "ha detto|ha scritto|ha annunciato|secondo|ha dichiarato|ha chiesto",
    "pt": "disse|afirmou|escreveu|anunciou|segundo|declarou|pediu",
    "nl": "zei|zegt|schreef|meldde|volgens|verklaarde|riep",
    "pl": "powiedział|powiedziała|napisał|napisała|ogłosił|ogłosiła|według|zaapelował",
    "uk": "сказав|сказала|заявив|заявила|написав|написала|повідомив|за словами",
    "ru": "сказал|сказала|заявил|заявила|написал|написала|сообщил|по словам",
}

# The weights of the score (a logit: above 0 the line is a call to action). Set by hand and checked
# on the dev corpus and the unit cases: a call with its object, in a short line, decides alone; a
# call without one ("Share prices rose") needs a link, a handle or its place after the text.
WEIGHTS = {
    "bias": -4.5,
    "no_intent": -3.0,  # neither a call nor a mark: words of intent alone are news about them
    "call": 1.5,  # an intent verb opening a clause, in the imperative
    "call_object": 2.5,  # ... followed by "us", "our", "this", or carrying its object ("síguenos")
    "call_noun": 1.5,  # ... beside what it names ("Sign up for the e-newsletter")
    "mark": 4.0,  # a phrase only calls use: "link in bio", "tip jar", "Patreon"
    "reach": 1.5,  # no call, but a channel or the newsroom and the address to reach it, at the end
    "noun": 1.0,  # what a call names: a newsletter, a channel, a network
    "self": 0.5,  # the site or author speaking of itself
    "you": 0.5,  # the reader addressed
    "contact": 1.5,  # a link, an @handle, an e-mail address or a URL in the line
    "asked_first": 1.0,  # a short question opens the line, then the call: "Got a story? Email us"
    "late_call": -1.5,  # the call comes after LATE_CALL_CHARS of other text: a paragraph that ends in one
    "ends_open": 0.5,  # ends with ":" (the link follows) or "!"
    "short": 1.0,  # up to SHORT_CHARS
    "long": -2.5,  # over LONG_CHARS
    "tail": 0.5,  # after the article's last paragraph
    "aside": 0.5,  # one line between two paragraphs
    "quoted": -2.5,  # holds quotation marks: someone else's words
    "reported": -2.5,  # reports what someone said or did
}
SHORT_CHARS = 120
LATE_CALL_CHARS = 80
# "Got a story?", "Like what you read?": the question a call answers is short.
MAX_OPENING_QUESTION_CHARS = 40
LONG_CHARS = 250
# Longer than this, a paragraph is prose whatever words it holds.
MAX_CHARS = 400

# Endings by which a call carries its object, the site itself: "síguenos", "seguici", "escríbenos".
OBJECT_ENDINGS = ("nos", "ci", "nous", "me", "mi")
# A follow call names where, or what for ("follow us on Instagram", "follow me for more");
# "follow our guide" is an instruction.
PLACE_INTENTS = ("follow",)
# A follow or share call whose place is a network carries its object: "siga o blog no Instagram",
# "Compártelo en tus redes sociales", "Salve no Pinterest".
NETWORK_PLACE_INTENTS = ("follow", "share")
# Networks in general, named as a place only ("en tus redes sociales"): as a thing named they are
# news more often than calls ("Share prices of social media companies fell").
SOCIAL_MEDIA = "social*|sozial*|redes sociales|redes sociais|réseaux sociaux|соцмереж*|соцсет*"
# The words that make a network the place ("on Pinterest", "en tus redes sociales"), not a noun's
# qualifier ("Share prices of social media companies").
NETWORK_PREPOSITIONS = {
    "en": "on|via|over on",
    "de": "auf|bei|im|in",
    "fr": "sur",
    "es": "en",
    "it": "su|sul|sulla|sui",
    "pt": "no|na|nos|nas|em",
    "nl": "op|via",
    "pl": "na|w",
    "uk": "в|у|на",
    "ru": "в|на",
}
# Calls that name what they ask for carry their object as "us" would: "make a donation", "hazte socio".
# Only for donations: "sign up for the course" is an instruction as often as an ask.
NAMED_OBJECT_INTENTS = ("donate",)
FOR_MORE = "for more|für mehr|pour plus|para más|per altri|para mais|voor meer|po więcej|більше|больше"
# An infinitive call closes a short line ("Jetzt spenden!", "Newsletter abonnieren").
MAX_FINAL_CALL_LINE_CHARS = 40
# Where a call's object is looked for: the words right after it.
OBJECT_REACH_WORDS = 4
