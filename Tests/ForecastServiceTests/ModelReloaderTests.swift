import Synchronization
import Testing
@testable import ForecastService

/// Reloading: a new version replaces the model whole; a bad one keeps the old one serving.
struct ModelReloaderTests {
    final class Events: Sendable {
        private let list = Mutex<[ServiceEvent]>([])
        func append(_ event: ServiceEvent) { list.withLock { $0.append(event) } }
        var received: [ServiceEvent] { list.withLock { $0 } }
    }

    private func make() -> (FakeSource, ModelSlot, ModelReloader, Events) {
        let source = FakeSource()
        let slot = ModelSlot()
        let events = Events()
        let reloader = ModelReloader(source: source, slot: slot, metrics: ServiceMetrics(loops: 1)) { events.append($0) }
        return (source, slot, reloader, events)
    }

    @Test func noModelAtStartIsReportedAndLeavesTheSlotEmpty() {
        let (_, slot, reloader, events) = make()
        reloader.check(force: false, initial: true)
        #expect(slot.current == nil)
        #expect(events.received == [.noModel])
    }

    @Test func newVersionTokenInstallsTheNewModel() {
        let (source, slot, reloader, events) = make()
        source.set(token: "v1")
        reloader.check(force: false, initial: true)
        source.set(token: "v2")
        reloader.check(force: false)
        #expect(slot.current?.version == "v2")
        #expect(events.received == [.modelLoaded(version: "v1", previous: nil), .modelLoaded(version: "v2", previous: "v1")])
    }

    @Test func unchangedTokenDoesNotReload() {
        let (source, _, reloader, _) = make()
        source.set(token: "v1")
        reloader.check(force: false, initial: true)
        reloader.check(force: false)
        reloader.check(force: false)
        #expect(source.loads == 1)
    }

    @Test func badNewModelKeepsTheOldOneAndIsReportedOnce() {
        let (source, slot, reloader, events) = make()
        source.set(token: "v1")
        reloader.check(force: false, initial: true)
        source.set(token: "v2", failing: true)
        reloader.check(force: false)
        reloader.check(force: false)
        #expect(slot.current?.version == "v1")
        #expect(events.received.count == 2)
        guard case let .reloadFailed(reason, keeping) = events.received[1] else {
            Issue.record("expected a failure event")
            return
        }
        #expect(keeping == "v1")
        #expect(reason.contains("corrupt model file"))
    }

    @Test func forcedReloadRetriesTheSameVersion() {
        let (source, slot, reloader, _) = make()
        source.set(token: "v1", failing: true)
        reloader.check(force: false, initial: true)
        #expect(slot.current == nil)
        source.set(token: "v1", failing: false)
        reloader.check(force: true)
        #expect(slot.current?.version == "v1")
    }

    @Test func loopCachesSeeANewModelAfterInstall() {
        let slot = ModelSlot(FakeModel.make(version: "a"))
        let cache = SlotCache(slot: slot)
        #expect(cache.value?.version == "a")
        slot.install(FakeModel.make(version: "b"))
        #expect(cache.value?.version == "b")
    }
}
