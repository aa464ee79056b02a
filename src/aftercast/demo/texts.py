"""Names and texts of the demo world, in the language of each market."""

RU_FIRST = [
    "Анна",
    "Мария",
    "Екатерина",
    "Ольга",
    "Дарья",
    "Алина",
    "Полина",
    "Ксения",
    "Софья",
    "Виктория",
    "Иван",
    "Дмитрий",
    "Алексей",
    "Максим",
    "Артём",
    "Никита",
    "Егор",
    "Кирилл",
]
RU_LAST = [
    "Смирнова",
    "Иванова",
    "Кузнецова",
    "Попова",
    "Соколова",
    "Лебедева",
    "Морозова",
    "Волкова",
    "Зайцева",
    "Павлова",
    "Орлова",
    "Никитина",
    "Фёдорова",
    "Белова",
]
RU_LAST_MALE = {
    "Смирнова": "Смирнов",
    "Иванова": "Иванов",
    "Кузнецова": "Кузнецов",
    "Попова": "Попов",
    "Соколова": "Соколов",
    "Лебедева": "Лебедев",
    "Морозова": "Морозов",
    "Волкова": "Волков",
    "Зайцева": "Зайцев",
    "Павлова": "Павлов",
    "Орлова": "Орлов",
    "Никитина": "Никитин",
    "Фёдорова": "Фёдоров",
    "Белова": "Белов",
}
RU_MALE = {"Иван", "Дмитрий", "Алексей", "Максим", "Артём", "Никита", "Егор", "Кирилл"}
KZ_FIRST = ["Айгерим", "Динара", "Асель", "Жанна", "Камила", "Ерлан", "Нурлан", "Арман", "Дана"]
KZ_LAST = ["Сапарова", "Ахметова", "Жумабаева", "Касымова", "Нурланова", "Омарова"]
US_FIRST = [
    "Emma",
    "Olivia",
    "Ava",
    "Sophia",
    "Mia",
    "Harper",
    "Chloe",
    "Madison",
    "Grace",
    "Liam",
    "Noah",
    "Ethan",
    "Mason",
    "Logan",
    "Jake",
    "Tyler",
]
US_LAST = [
    "Johnson",
    "Williams",
    "Brown",
    "Miller",
    "Davis",
    "Garcia",
    "Wilson",
    "Moore",
    "Taylor",
    "Anderson",
    "Thomas",
    "Martin",
    "Lee",
    "Walker",
    "Hall",
    "Young",
]
HANDLE_WORDS = [
    "glow",
    "skin",
    "beauty",
    "daily",
    "notes",
    "lab",
    "care",
    "mood",
    "routine",
    "diary",
    "club",
    "studio",
    "life",
    "vibes",
]
TRANSLIT = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "sch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
    }
)

CATEGORIES = [
    ("Skincare", "Уход за кожей"),
    ("Makeup", "Декоративная косметика"),
    ("Haircare", "Уход за волосами"),
]
BRANDS = [("Northwind Skin", 0), ("Lumen Cosmetics", 1), ("Aurora Hair Lab", 2)]

COMMENTS = {
    "ru": [
        ("Купила после этого видео, реально работает!", 0.8),
        ("Очень красивый ролик, но где купить?", 0.4),
        ("Опять реклама…", -0.5),
        ("А для жирной кожи подойдёт?", 0.1),
        ("Цена кусается, если честно", -0.3),
        ("Обожаю твои обзоры ❤️", 0.9),
        ("Промокод не работает", -0.7),
        ("Текстура супер, беру второй раз", 0.8),
        ("Слишком много рекламы в последнее время", -0.6),
        ("Интересно, а состав какой?", 0.0),
    ],
    "en": [
        ("Just ordered with your code, can't wait!", 0.8),
        ("Is this good for sensitive skin?", 0.1),
        ("Another ad, unfollowing soon", -0.6),
        ("The before/after is insane", 0.7),
        ("Link doesn't work for me", -0.6),
        ("Love how honest this review is", 0.8),
        ("Too pricey for what it is", -0.4),
        ("Bought it last month, holy grail!", 0.9),
        ("What shade are you wearing?", 0.1),
        ("Meh, didn't notice a difference", -0.3),
    ],
}

CHECKIN_SUMMARY = {
    "ru": "Публикации идут по графику, охват выше плана. Конверсий меньше ожидаемого: "
    "ссылка в сторис теряется, договорились о закреплённом комментарии с промокодом.",
    "en": "Posts are on schedule and reach is ahead of plan. Conversions lag: the link in "
    "stories gets lost, agreed to pin a comment with the discount code.",
}
HYPOTHESIS = {
    "ru": "Высококонтрастный креатив и честные отзывы микро- и средних блогеров дадут больше "
    "переходов, чем глянцевые ролики, на обоих рынках.",
    "en": "High-contrast creative and honest reviews by micro and mid-tier creators drive more "
    "clicks than glossy videos in both markets.",
}
# Answers to the blameless questions (debriefs/questions.py), by key, each with who gave it.
BLAMELESS = {
    "goal_understood": [{"who": "Brand team", "answer": "Conversion at the brief's target "
                         "in both markets; the RU team read it as engagement."}],
    "roadblocks": [{"who": "RU market team", "answer": "The Russian audience had no working "
                    "tracking link for the first week; it was reported on day six."}],
    "quicker_cheaper": [{"who": "Brand team", "answer": "High-contrast creative and "
                         "creator-written scripts again."}],
    "goals_to_reassess": [{"who": "US market team", "answer": "Test tracking links with every "
                           "creator before launch."}],
}  # fmt: skip
