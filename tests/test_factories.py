import pytest

from tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory",
    [
        factories.CompetitionFactory,
        factories.ClubFactory,
        factories.VenueFactory,
        factories.SeasonFactory,
        factories.PointDeductionFactory,
        factories.MatchFactory,
        factories.TieFactory,
        factories.PersonFactory,
        factories.TenureFactory,
        factories.ManagerMoveFactory,
        factories.ManagerMoveUpdateFactory,
        factories.HonourFactory,
        factories.SectionFactory,
        factories.TagFactory,
        factories.AuthorFactory,
        factories.ArticleFactory,
        factories.QuoteFactory,
    ],
)
def test_every_factory_saves_a_valid_row(factory):
    obj = factory()
    obj.full_clean()
    assert type(obj).objects.filter(pk=obj.pk).exists()
