"""The forty-first round's probes of documents in the languages of Asia, the Middle East and
Africa, written as a hospital, bank, employer or public office there pastes them: referral
letters, bank and wire forms, HR records, rental and court papers, support chats. Each with the
values that must not go upstream whole and the prompt's own words that must stay. Counts both
with the ``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s72e/leak_probes_s72e.py \
        learned|spacy [--show]

All values are made up; checksums are valid where the id has one (Chinese resident id ISO 7064,
Korean RRN, Aadhaar Verhoeff, Japanese My Number, Thai id, Israeli id, Iranian national code,
SNILS, INN, South African id, Emirates id and Saudi id Luhn).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from leak_probe import main  # noqa: E402

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- Japanese -------------------------------------------------------------------------------
    ("ja", "紹介状\n患者氏名：高橋 美咲 様（昭和52年4月18日生）\n住所：〒150-0043 東京都渋谷区道玄坂"
     "二丁目14番5号\n電話：090-4417-2863\n主治医：山本 健一郎\n上記の患者をご紹介します。",
     ("高橋", "美咲", "150-0043", "道玄坂", "090-4417-2863", "山本"), ("紹介状", "患者")),
    ("ja", "マイナンバー 3141 5926 5352 と健康保険証の記号番号 12-345 6789 を確認してください。"
     "申請者は佐々木 大翔さんです。", ("3141 5926 5352", "佐々木", "大翔"), ("確認",)),
    ("ja", "振込依頼：三菱UFJ銀行 渋谷支店 普通 4417286 名義 ナカムラ ユウキ。金額 120,000円。",
     ("4417286", "ナカムラ", "ユウキ"), ("振込依頼", "金額")),
    ("ja", "Please translate: 田中一郎さんのメールは ichiro.tanaka@shinsei-s72.example、"
     "携帯は080-2291-7734です。", ("田中", "ichiro.tanaka@shinsei-s72.example",
                                  "080-2291-7734"), ("translate",)),
    # --- Chinese --------------------------------------------------------------------------------
    ("zh", "病历摘要：患者王秀英，女，身份证号440305198807153216，住址广东省深圳市南山区科技园"
     "南路88号3栋1202室，联系电话13826471950。诊断：2型糖尿病。",
     ("王秀英", "440305198807153216", "科技园南路88号", "13826471950"), ("诊断", "糖尿病")),
    ("zh", "请帮我写一封邮件给李建国先生，他的银行卡号是6222 0212 3456 7890 128，开户行中国工商银行。",
     ("李建国", "6222 0212 3456 7890 128"), ("邮件", "开户行")),
    ("zh", "租赁合同 甲方：陈志强（身份证310104197603022846）乙方：刘芳 地址：上海市徐汇区漕溪北路"
     "595号 护照号E47281936", ("陈志强", "310104197603022846", "刘芳", "漕溪北路595号",
                              "E47281936"), ("租赁合同", "甲方")),
    ("zh-tw", "客戶：林怡君 小姐，身分證字號 A223456781，手機 0912-345-678，地址 台北市大安區"
     "忠孝東路四段216號。", ("林怡君", "A223456781", "0912-345-678", "忠孝東路四段216號"),
     ("客戶", "地址")),
    # --- Korean ---------------------------------------------------------------------------------
    ("ko", "진료의뢰서\n환자: 김민준 (주민등록번호 850315-1234566)\n주소: 서울특별시 강남구 "
     "테헤란로 152, 12층\n연락처: 010-4827-3361\n담당의: 박서연", ("김민준", "850315-1234566",
                                                          "테헤란로 152", "010-4827-3361",
                                                          "박서연"), ("진료의뢰서", "환자")),
    ("ko", "이지은 님의 계좌번호는 국민은행 123456-01-789012 입니다. 이메일 jieun.lee@hanbit-s72.example",
     ("이지은", "123456-01-789012", "jieun.lee@hanbit-s72.example"), ("계좌번호",)),
    # --- Hindi / India --------------------------------------------------------------------------
    ("hi", "रोगी का नाम: सुनीता शर्मा, आयु 46 वर्ष, आधार संख्या 4973 1856 2046, पता: 14, गांधी नगर, "
     "जयपुर 302015, मोबाइल 98290 41736", ("सुनीता", "शर्मा", "4973 1856 2046", "302015",
                                        "98290 41736"), ("रोगी", "मोबाइल")),
    ("en-in", "Dear Sir, I, Venkatesh Subramaniam, S/o Late R. Subramaniam, residing at "
     "Flat 12B, Lotus Residency, Anna Nagar West, Chennai - 600040, PAN ABCPS1234K, request "
     "closure of SB a/c 50100234567891.", ("Venkatesh Subramaniam", "Flat 12B", "600040",
                                          "ABCPS1234K", "50100234567891"), ("closure",)),
    ("bn", "আমার নাম রহিম উদ্দিন, ফোন ০১৭১১-২৩৪৫৬৭, ঠিকানা: বাড়ি ১২, রোড ৫, ধানমন্ডি, ঢাকা ১২০৫।",
     ("রহিম", "০১৭১১-২৩৪৫৬৭", "১২০৫"), ("ঠিকানা",)),
    # --- Arabic / Persian / Hebrew ---------------------------------------------------------------
    ("ar", "تقرير طبي\nاسم المريض: عبد الرحمن الشمري\nرقم الهوية: 1087654321\nالجوال: "
     "+966 55 482 1937\nالعنوان: حي الملقا، شارع أنس بن مالك، الرياض 13521",
     ("عبد الرحمن الشمري", "1087654321", "+966 55 482 1937", "13521"), ("تقرير",)),
    ("ar", "Please draft a reply to Mr. Khalid Al-Mansouri, Emirates ID 784-1985-1234567-3, "
     "P.O. Box 48213, Dubai, mobile 050 318 4472.", ("Khalid Al-Mansouri",
                                                    "784-1985-1234567-3", "48213",
                                                    "050 318 4472"), ("draft", "reply")),
    ("ar", "السيدة فاطمة الزهراء بن علي، رقم الحساب IBAN: SA44 2000 0001 2345 6789 1234، "
     "البريد fatima.benali@nour-s72.example", ("فاطمة", "SA44 2000 0001 2345 6789 1234",
                                              "fatima.benali@nour-s72.example"), ("الحساب",)),
    ("fa", "نام: مریم حسینی\nکد ملی: 0087654326\nتلفن همراه: ۰۹۱۲ ۳۴۵ ۶۷۸۹\nنشانی: تهران، خیابان "
     "ولیعصر، کوچه نسترن، پلاک ۱۴", ("مریم", "حسینی", "0087654326", "۰۹۱۲ ۳۴۵ ۶۷۸۹"),
     ("تهران",)),
    ("he", "מכתב הפניה\nשם המטופל: יעל כהן-לוי\nת.ז. 038491528\nטלפון: 052-718-4406\n"
     "כתובת: רחוב הרצל 27, חיפה", ("יעל", "כהן-לוי", "038491528", "052-718-4406",
                                  "הרצל 27"), ("מכתב",)),
    # --- Southeast Asia -------------------------------------------------------------------------
    ("th", "ชื่อผู้ป่วย: นางสาวสุภาพร วงศ์สวัสดิ์ เลขประจำตัวประชาชน 1 1037 00123 45 8 "
     "โทร 081-234-5678 ที่อยู่ 99/12 ถนนสุขุมวิท แขวงคลองเตย กรุงเทพฯ 10110",
     ("สุภาพร", "วงศ์สวัสดิ์", "1 1037 00123 45 8", "081-234-5678", "10110"), ()),
    ("vi", "Bệnh nhân: Nguyễn Thị Thu Hà, sinh ngày 12/07/1983, CCCD 001183012345, "
     "địa chỉ 45 Lý Thường Kiệt, phường Hàng Bài, quận Hoàn Kiếm, Hà Nội, SĐT 0912 345 678.",
     ("Nguyễn Thị Thu Hà", "12/07/1983", "001183012345", "45 Lý Thường Kiệt",
      "0912 345 678"), ("Bệnh",)),
    ("id", "Nama: Siti Nurhaliza binti Abdullah\nNIK: 3174055503850001\nAlamat: Jl. Kebon "
     "Jeruk Raya No. 27, RT 003/RW 005, Jakarta Barat 11530\nNo. HP: 0812-8834-2217",
     ("Siti Nurhaliza", "3174055503850001", "Jl. Kebon Jeruk Raya No. 27", "11530",
      "0812-8834-2217"), ("Alamat",)),
    ("ms", "Pemohon: Muhammad Hafiz bin Rosli, No. K/P 850315-14-5263, alamat No. 12, Jalan "
     "SS2/24, 47300 Petaling Jaya, Selangor.", ("Muhammad Hafiz bin Rosli", "850315-14-5263",
                                               "Jalan SS2/24", "47300"), ("Pemohon",)),
    ("tl", "Pangalan: Maria Cristina Dela Cruz, SSS No. 34-5678901-2, TIN 123-456-789-000, "
     "tirahan: 1452 Taft Avenue, Malate, Manila 1004, cel 0917 555 0188",
     ("Maria Cristina Dela Cruz", "34-5678901-2", "123-456-789-000", "1452 Taft Avenue",
      "0917 555 0188"), ("Pangalan",)),
    # --- Russian / Ukrainian / Central Asia -----------------------------------------------------
    ("ru", "Выписка из истории болезни. Пациент: Смирнова Екатерина Александровна, 14.02.1975 "
     "г.р., СНИЛС 118-473-926 80, паспорт 4512 734981, адрес: г. Москва, ул. Профсоюзная, "
     "д. 93, кв. 41, тел. +7 916 482-17-35.", ("Смирнова", "Екатерина", "14.02.1975",
                                              "118-473-926 80", "4512 734981",
                                              "Профсоюзная, д. 93", "+7 916 482-17-35"),
     ("Выписка",)),
    ("ru", "ИНН 770912345616, получатель Кузнецов Дмитрий Олегович, счёт 40817810099910004312, "
     "БИК 044525225.", ("770912345616", "Кузнецов", "Дмитрий", "40817810099910004312"),
     ("получатель",)),
    ("uk", "Прошу надіслати довідку на ім'я Олени Коваленко, РНОКПП 3012345678, тел. "
     "+380 67 123 4567, e-mail olena.kovalenko@dnipro-s72.example", ("Коваленко",
                                                                    "3012345678",
                                                                    "+380 67 123 4567",
                                                                    "olena.kovalenko@dnipro-s72.example"),
     ("довідку",)),
    ("kk", "Клиент: Нурлан Жумабаев, ИИН 850315300125, тел. +7 701 234 5678, Алматы, "
     "пр. Абая 52, кв. 8", ("Нурлан Жумабаев", "850315300125", "+7 701 234 5678",
                          "Абая 52"), ("Клиент",)),
    # --- Africa ---------------------------------------------------------------------------------
    ("za", "Patient: Thandiwe Nkosi, ID number 8503155123081, 14 Jan Smuts Avenue, Rosebank, "
     "Johannesburg 2196, cell 082 555 4431.", ("Thandiwe Nkosi", "8503155123081",
                                             "14 Jan Smuts Avenue", "082 555 4431"),
     ("Patient",)),
    ("ng", "Kindly update the records of Chukwuemeka Obi-Nwosu: NIN 48213367095, BVN "
     "22184409731, phone 0803 447 2918, address 12 Adeola Odeku Street, Victoria Island, "
     "Lagos.", ("Chukwuemeka Obi-Nwosu", "48213367095", "22184409731", "0803 447 2918",
                "12 Adeola Odeku Street"), ("update", "records")),
    ("ke", "Mteja: Wanjiru Kamau, kitambulisho 28471936, M-Pesa 0722 481 337, KRA PIN "
     "A004718293Z, anwani: S.L.P. 48213-00100 Nairobi", ("Wanjiru Kamau", "28471936",
                                                         "0722 481 337", "A004718293Z"),
     ("Mteja",)),
    ("eg", "الاسم: أحمد محمود السيد، الرقم القومي 28503150102345، المحمول 0100 482 7731",
     ("أحمد محمود السيد", "28503150102345", "0100 482 7731"), ()),
    ("am", "ስም: አበበ ከበደ፣ ስልክ +251 911 234 567፣ አድራሻ: ቦሌ ክፍለ ከተማ፣ አዲስ አበባ",
     ("አበበ", "ከበደ", "+251 911 234 567"), ()),
]

if __name__ == "__main__":
    main(PROBES)
