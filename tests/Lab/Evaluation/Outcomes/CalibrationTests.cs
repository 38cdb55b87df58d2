using Journeys.Lab.Evaluation.Outcomes;

namespace Journeys.Lab.Tests.Evaluation.Outcomes;

public sealed class CalibrationTests
{
    [Fact]
    public void Bins_are_equal_width_and_the_last_includes_one()
    {
        var bins = Calibration.Bins([0.05, 0.15, 0.95, 1.0], [false, true, true, true]);
        Assert.Equal(10, bins.Count);
        Assert.Equal(new CalibrationBin(0, 0.1, 1, 0.05, 0), bins[0]);
        Assert.Equal(new CalibrationBin(0.1, 0.2, 1, 0.15, 1), bins[1]);
        Assert.Equal((0.9, 1.0, 2, 1.0), (bins[9].Lower, bins[9].Upper, bins[9].Count, bins[9].ObservedRate));
        Assert.Equal(0.975, bins[9].MeanPredicted, 12);
        Assert.All(bins.Skip(2).Take(7), b => Assert.Equal(0, b.Count));
        Assert.True(double.IsNaN(bins[5].MeanPredicted));
    }

    [Fact]
    public void Expected_calibration_error_weights_bins_by_count()
    {
        var bins = Calibration.Bins([0.05, 0.15, 0.95, 1.0], [false, true, true, true]);
        // (1 × 0.05 + 1 × 0.85 + 2 × 0.025) / 4
        Assert.Equal(0.2375, Calibration.ExpectedError(bins), 12);
        Assert.True(double.IsNaN(Calibration.ExpectedError(Calibration.Bins([], []))));
    }
}
