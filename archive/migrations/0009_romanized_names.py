"""Names in Latin letters for people and places, generated for the records already held."""
from django.db import migrations, models

from chinese.romanize import latin_key, person_pinyin, place_pinyin

BATCH = 1000


def generate(apps, schema_editor):
    Person = apps.get_model("archive", "Person")
    Place = apps.get_model("archive", "Place")
    people = list(Person.objects.only("id", "name"))
    for person in people:
        person.romanized = person_pinyin(person.name)
        person.romanized_key = latin_key(person.romanized)
    Person.objects.bulk_update(people, ["romanized", "romanized_key"], batch_size=BATCH)
    places = list(Place.objects.exclude(kind="country").only("id", "name"))
    for place in places:
        place.romanized = place_pinyin(place.name)
    Place.objects.bulk_update(places, ["romanized"], batch_size=BATCH)


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0008_import_follow_ups'),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='foreign',
            field=models.BooleanField(default=False, help_text='音译的外国人名不生成拼音。带“·”或不以中国姓氏开头的名字（如“克林顿”）自动按外国人名处理。', verbose_name='外国人名'),
        ),
        migrations.AddField(
            model_name='person',
            name='romanized',
            field=models.CharField(blank=True, help_text='汉语拼音，姓在前、名连写（Che Jun），按姓名自动生成，可以修改。外国人名不生成，请填写原文拼写（Bill Clinton）。', max_length=100, verbose_name='拉丁字母姓名'),
        ),
        migrations.AddField(
            model_name='person',
            name='romanized_key',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=100),
        ),
        migrations.AddField(
            model_name='place',
            name='romanized',
            field=models.CharField(blank=True, help_text='汉语拼音，不带“省”“市”“区”等后缀（Xiaoshan）。读音确定时自动生成，有歧义的地名和外国地名请自行填写（Washington）。', max_length=100, verbose_name='拉丁字母名称'),
        ),
        # going back, the columns are dropped with what they hold
        migrations.RunPython(generate, migrations.RunPython.noop),
    ]
