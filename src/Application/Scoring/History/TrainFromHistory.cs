using Rapport.Application.Common;
using Rapport.Application.Pipeline;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Scoring.Learning;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.History;

/// <summary>
/// <c>rapport scoring train [--task conversion|churn]</c>: learns from the node's own history — whether a deal is won
/// (<see cref="DealFeatures"/>: each won or lost deal as of its close) or whether a customer leaves
/// (<see cref="ChurnFeatures"/>: each customer, those tagged <c>churned</c> as of then). Only contacts the gate allows
/// <see cref="PolicyActions.TrainModel"/> (consent to <c>ai_training</c>) are read; every decision is audited as one
/// compact entry before training starts, so a contact without that consent is in no training set and their data cannot
/// change the model. Rows follow the contacts' cursor order (and, for deals, their creation), so the same consented
/// history gives the same model.
/// </summary>
public sealed class TrainFromHistory(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate, ModelTraining training)
{
    public async Task<Result<ModelCard>> ExecuteAsync(
        ModelTask task,
        string actor,
        int seed = LearningOptions.DefaultSeed,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (task == ModelTask.Tabular)
        {
            throw new ArgumentOutOfRangeException(nameof(task), task, "a tabular model learns from a file (TrainTabularModel)");
        }

        var options = new LearningOptions(Seed: seed);
        IReadOnlyList<CustomerHistory> histories;
        try
        {
            histories = await ReadConsentedHistoryAsync(actor, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }

        var set = task == ModelTask.Conversion ? ConversionSet(histories) : ChurnSet(histories);
        var positives = set.Positives;
        var negatives = set.Rows.Count - positives;
        if (positives < options.Folds || negatives < options.Folds)
        {
            var folds = options.Folds;
            var consented = $"the {histories.Count} contact(s) who consented to {Purpose.AiTraining}";
            return new Error(
                ScoringErrors.NotEnoughData,
                task == ModelTask.Conversion
                    ? $"{folds}-fold cross-validation needs at least {folds} won and {folds} lost deals; {consented} have {positives} won and {negatives} lost."
                    : $"{folds}-fold cross-validation needs at least {folds} customers who left and {folds} who stayed; {consented} include {positives} who left and {negatives} who stayed.");
        }

        var trained = await training.TrainAsync(set, task, LabelOf(task), options, progress, cancellationToken).ConfigureAwait(false);
        await ModelTraining.KeepAsync(unitOfWork, trained, actor, cancellationToken).ConfigureAwait(false);
        return trained.Card;
    }

    public static string LabelOf(ModelTask task) => task == ModelTask.Conversion ? "deal won" : $"customer left (tag {ChurnFeatures.Tag})";

    private static TrainingSet ConversionSet(IReadOnlyList<CustomerHistory> histories)
    {
        var rows = histories.SelectMany(DealFeatures.TrainingRows).ToList();
        return new TrainingSet(DealFeatures.Columns, [.. rows.Select(r => r.Row)], [.. rows.Select(r => r.Won)]);
    }

    private static TrainingSet ChurnSet(IReadOnlyList<CustomerHistory> histories)
    {
        var (rows, labels) = ChurnFeatures.TrainingRows(histories);
        return new TrainingSet(ChurnFeatures.Columns, rows, labels);
    }

    // Every allowed contact with a deal, and what the node knows of them.
    private async Task<IReadOnlyList<CustomerHistory>> ReadConsentedHistoryAsync(string actor, CancellationToken cancellationToken)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var bulk = gate.BeginBulk(new GateRequest(PolicyActions.TrainModel, actor), clock.UtcNow);
        var histories = new List<CustomerHistory>();
        await foreach (var contact in ConsentedContacts.AllowedAsync(work, gate, bulk, PolicyActions.TrainModel, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var deals = await work.Deals.ListAsync(new DealFilter(ContactId: contact.Id), cancellationToken).ConfigureAwait(false);
            if (deals.Count == 0)
            {
                continue;
            }

            var timeline = await work.Interactions.TimelineAsync(contact.Id, ScoreLead.InteractionsRead, cancellationToken).ConfigureAwait(false);
            histories.Add(new CustomerHistory(contact, timeline, deals));
        }

        // Every decision, allowed or not, durable before anything read is used.
        await bulk.RecordAsync(cancellationToken).ConfigureAwait(false);
        return histories;
    }
}
