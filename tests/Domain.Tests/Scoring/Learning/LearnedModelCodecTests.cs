using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;
using Rapport.Domain.Scoring.Learning.Encoding;

namespace Rapport.Domain.Tests.Scoring.Learning;

public sealed class LearnedModelCodecTests
{
    private static readonly FeatureColumn[] Columns =
    [
        new("minutes", ColumnKind.Numeric),
        new("plan", ColumnKind.Categorical),
        new("calls", ColumnKind.Numeric),
    ];

    [Fact]
    public void A_tree_model_reads_back_to_the_same_bytes_and_scores()
    {
        var model = TreeModel();
        var bytes = LearnedModelCodec.Encode(model);

        var decoded = LearnedModelCodec.Decode(bytes).Value;

        Assert.Equal(bytes, LearnedModelCodec.Encode(decoded));
        foreach (var row in Rows())
        {
            Assert.Equal(model.Score(row), decoded.Score(row));
        }
    }

    [Fact]
    public void A_linear_model_reads_back_to_the_same_bytes_and_scores()
    {
        var encoding = FeatureEncoding.Fit(Columns, Rows());
        var model = new LearnedModel(
            Learner.LogisticRegression,
            encoding,
            new LinearPredictor([.. Enumerable.Range(0, encoding.Width).Select(i => i * 0.25 - 1)], 0.3, [.. new double[encoding.Width]]),
            new PlattCalibration(-1.1, 0.2));
        var bytes = LearnedModelCodec.Encode(model);

        var decoded = LearnedModelCodec.Decode(bytes).Value;

        Assert.Equal(bytes, LearnedModelCodec.Encode(decoded));
        Assert.Equal(model.Score(Rows()[0]), decoded.Score(Rows()[0]));
    }

    [Fact]
    public void Every_truncation_is_refused_as_corrupt()
    {
        var bytes = LearnedModelCodec.Encode(TreeModel());
        for (var length = 0; length < bytes.Length; length++)
        {
            var decoded = LearnedModelCodec.Decode(bytes.AsSpan(0, length));
            Assert.True(decoded.IsFailure, $"a model cut at {length} of {bytes.Length} bytes was read");
            Assert.Equal(ScoringErrors.ModelCorrupt, decoded.Error.Code);
        }
    }

    [Fact]
    public void Corrupted_bytes_are_refused_or_read_but_never_throw_or_hang()
    {
        var bytes = LearnedModelCodec.Encode(TreeModel());
        var random = new Random(5);
        for (var round = 0; round < 3_000; round++)
        {
            var corrupted = (byte[])bytes.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                corrupted[random.Next(corrupted.Length)] ^= (byte)random.Next(1, 256);
            }

            var decoded = LearnedModelCodec.Decode(corrupted);
            if (decoded.IsSuccess)
            {
                // Whatever decodes is a well-formed model: it scores every row without leaving its trees.
                foreach (var row in Rows())
                {
                    _ = decoded.Value.Score(row);
                }
            }
        }
    }

    [Fact]
    public void A_tree_that_loops_is_refused()
    {
        var model = TreeModel();
        var trees = (TreeEnsemble)model.Predictor;
        var tree = trees.Trees[0];
        var bytes = LearnedModelCodec.Encode(model);
        // The first tree's root as stored (split, threshold, left, right, cover): point its left child back at itself.
        var root = new byte[24];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(root, tree.SplitFeature[0]);
        System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(root.AsSpan(4), tree.Threshold[0]);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(root.AsSpan(8), tree.Left[0]);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(root.AsSpan(12), tree.Right[0]);
        System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(root.AsSpan(16), tree.NodeCover[0]);
        var at = bytes.AsSpan().IndexOf(root);
        Assert.True(at > 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 8), 0);

        Assert.Equal(ScoringErrors.ModelCorrupt, LearnedModelCodec.Decode(bytes).Error.Code);
    }

    [Fact]
    public void The_feature_configuration_hash_changes_with_the_encoding_only()
    {
        var encoding = FeatureEncoding.Fit(Columns, Rows());
        var same = FeatureEncoding.Fit(Columns, Rows());
        var other = FeatureEncoding.Fit(Columns, [.. Rows().Skip(1)]);

        Assert.Equal(LearnedModelCodec.HashOf(encoding), LearnedModelCodec.HashOf(same));
        Assert.NotEqual(LearnedModelCodec.HashOf(encoding), LearnedModelCodec.HashOf(other));
        Assert.StartsWith("bafkrei", LearnedModelCodec.HashOf(encoding).ToString());
    }

    private static IReadOnlyList<FeatureValue>[] Rows() =>
    [
        [FeatureValue.Of(120.5), FeatureValue.Of("basic"), FeatureValue.Of(3)],
        [FeatureValue.Of(80), FeatureValue.Of("premium"), FeatureValue.Missing],
        [FeatureValue.Missing, FeatureValue.Of("basic"), FeatureValue.Of(7)],
        [FeatureValue.Of(300), FeatureValue.Missing, FeatureValue.Of(1)],
        [FeatureValue.Of(10), FeatureValue.Of("unknown plan"), FeatureValue.Of(0)],
    ];

    private static LearnedModel TreeModel()
    {
        var encoding = FeatureEncoding.Fit(Columns, Rows()[..4]);
        var random = new Random(3);
        var matrix = new TrainingSet([.. Columns], Rows()[..4], [true, false, true, false]).Encode(encoding);
        var trees = RandomTrees.Ensemble(random, 3, encoding.Width, 3, matrix);
        return new LearnedModel(Learner.FastTree, encoding, trees, new PlattCalibration(-2, 0.1));
    }
}
