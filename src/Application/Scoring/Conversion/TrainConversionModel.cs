using Rapport.Application.Common;
using Rapport.Application.Pipeline;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Scoring.Learning;
using Rapport.Application.Scoring.Models;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Pipeline;
using Rapport.Domain.Policy;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Conversion;

/// <summary>
/// <c>rapport scoring train</c>: learns from the node's own won and lost deals the chance that a deal is won. Only
/// contacts the gate allows <see cref="PolicyActions.TrainModel"/> (consent to <c>ai_training</c>) are read; every
/// decision is audited as one compact entry before training starts, so a contact without that consent is in no
/// training set, and their data cannot change the model. Each closed deal is a row described as of its close
/// (<see cref="DealFeatures"/>); rows are in the order of the contacts' cursor and of the deals' creation, so the same
/// consented history always gives the same model.
/// </summary>
public sealed class TrainConversionModel(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate, ModelTraining training)
{
    public const string Label = "deal won";

    public async Task<Result<ModelCard>> ExecuteAsync(
        string actor,
        int seed = LearningOptions.DefaultSeed,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var options = new LearningOptions(Seed: seed);
        TrainingSet set;
        int contacts;
        try
        {
            (set, contacts) = await ReadConsentedDealsAsync(actor, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }

        var won = set.Positives;
        var lost = set.Rows.Count - won;
        if (won < options.Folds || lost < options.Folds)
        {
            return new Error(
                ScoringErrors.NotEnoughData,
                $"{options.Folds}-fold cross-validation needs at least {options.Folds} won and {options.Folds} lost deals; the {contacts} contact(s) who consented to {Purpose.AiTraining} have {won} won and {lost} lost.");
        }

        var trained = await training.TrainAsync(set, ModelTask.Conversion, Label, options, progress, cancellationToken).ConfigureAwait(false);
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await work.Models.AddAsync(trained.Card, trained.Bytes, cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(ModelTraining.Trained(trained.Card, actor), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return trained.Card;
    }

    private async Task<(TrainingSet Set, int Contacts)> ReadConsentedDealsAsync(string actor, CancellationToken cancellationToken)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var bulk = gate.BeginBulk(new GateRequest(PolicyActions.TrainModel, actor), clock.UtcNow);
        var rows = new List<IReadOnlyList<FeatureValue>>();
        var labels = new List<bool>();
        var contacts = 0;
        await foreach (var contact in ConsentedContacts.AllowedAsync(work, gate, bulk, PolicyActions.TrainModel, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            contacts++;
            var deals = (await work.Deals.ListAsync(new DealFilter(ContactId: contact.Id), cancellationToken).ConfigureAwait(false))
                .OrderBy(d => d.CreatedAt)
                .ThenBy(d => d.Id.Value)
                .ToList();
            if (!deals.Any(d => d.Outcome is not null))
            {
                continue;
            }

            var timeline = await work.Interactions.TimelineAsync(contact.Id, ScoreLead.InteractionsRead, cancellationToken).ConfigureAwait(false);
            foreach (var deal in deals.Where(d => d.Outcome is not null))
            {
                rows.Add(DealFeatures.Of(deal, contact, timeline, deals, deal.Outcome!.At));
                labels.Add(deal.Status == DealStatus.Won);
            }
        }

        // Every decision, allowed or not, durable before anything read is used.
        await bulk.RecordAsync(cancellationToken).ConfigureAwait(false);
        return (new TrainingSet(DealFeatures.Columns, rows, labels), contacts);
    }
}
