import Foundation
import ForecastData
import Testing
@testable import ModelRegistry

/// Models written before format 2 (trees as base64 inside the JSON, SHA-256 checksums) keep
/// loading, with the predictions they gave when they were written.
@Suite struct LegacyModelFileTests {
    /// A 3-tree extended model written by `forecast train` in format 1 (a 60-day generated shop).
    static let version = "v0001-20261203T073824Z"

    private func store() throws -> ModelStore {
        let store = ModelStore(directory: try Fixtures.temporaryDirectory())
        try FileManager.default.createDirectory(atPath: store.directory + "/versions", withIntermediateDirectories: true)
        try Data(Self.file.utf8).write(to: URL(fileURLWithPath: store.path(of: Self.version)))
        return store
    }

    @Test func formatOneFile_LoadsWithItsOriginalPredictions() throws {
        let model = try store().load(version: Self.version)
        #expect(model.file.formatVersion == 1)
        // The build that wrote it took a request as the day after the stored history, with
        // that history's revenue before it.
        let day = try #require(Day(iso: "2024-02-29"))
        #expect(model.file.history.lastDay == "2024-02-28")
        let earlier = model.file.history.revenue[...]
        // Printed by the build that wrote the file (value, 10th and 90th percentile).
        let expected: [(Double, Int, Double, Double, Double)] = [
            (15000, 320, 17651.333333333332, 11641.642, 21943.97),
            (9000, 150, 16401.070000000003, 11620.994, 20950.642),
            (0, 0, 11017.833333333334, 6045.482, 15853.682),
            (42000.5, 800, 14398.720000000001, 9690.074, 19992.402000000002),
        ]
        for (revenue, orders, value, lower, upper) in expected {
            let got = model.predict(revenue: revenue, orderCount: orders, day: day, earlier: earlier)
            #expect(got.value == value && got.lower == lower && got.upper == upper)
        }
    }

    @Test func formatOneFile_StillChecksItsSHA256() throws {
        let store = try store()
        let path = store.path(of: Self.version)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let marker = "\"data\" : \""
        let index = try #require(text.range(of: marker)).upperBound
        let replacement: Character = text[index] == "A" ? "B" : "A"
        text.replaceSubrange(index...index, with: String(replacement))
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ModelFileError.checksumMismatch("trees")) { try store.load(version: Self.version) }
    }

    static let file = #"""
{
  "created_at" : "2026-12-03T07:38:24Z",
  "feature_names" : [
    "ca_total",
    "nb_commandes",
    "next_weekday",
    "ca_mean_7d",
    "ca_mean_28d",
    "ca_week_before",
    "ca_ratio_7d"
  ],
  "feature_set" : "extended",
  "format" : "revenueforecast-model",
  "format_version" : 1,
  "history" : {
    "last_day" : "2024-02-28",
    "revenue" : [
      15120.09,
      10730.04,
      13581.9,
      6394.15,
      7221.46,
      11114.54,
      8192.92,
      8674.9,
      10236.8,
      10108.12,
      9836.94,
      11293.98,
      13985.49,
      8012.4,
      5357.87,
      11359.09,
      8421.14,
      8845.81,
      8280.56,
      6073.93,
      7378.07,
      11967.33,
      13433.67,
      10316.65,
      9385.57,
      6918.67,
      12002.81
    ]
  },
  "hyperparameters" : {
    "bootstrap" : true,
    "max_depth" : null,
    "max_features" : 1,
    "min_samples_leaf" : 1,
    "min_samples_split" : 2,
    "n_estimators" : 3,
    "seed" : 42
  },
  "metadata_sha256" : "2b9bdad7939b38d4b23585dfbc1d4b2e4d7578ca21140d50477679326e65c86a",
  "metrics" : {
    "backtest" : null,
    "baselines" : {
      "moving_average_7d" : {
        "mae" : 2089.582857142857,
        "r2" : -0.2871349803476704,
        "rmse" : 2466.9648875922953
      },
      "persistence" : {
        "mae" : 2447.069166666667,
        "r2" : -0.7567214730877028,
        "rmse" : 2882.0557436272807
      },
      "train_mean" : {
        "mae" : 2450.005478723405,
        "r2" : -0.5839908935487135,
        "rmse" : 2736.700438751494
      }
    },
    "feature_importances" : {
      "ca_mean_28d" : 0.17666399214733747,
      "ca_mean_7d" : 0.07702442438511377,
      "ca_ratio_7d" : 0.034492101109938965,
      "ca_total" : 0.053094908235225606,
      "ca_week_before" : 0.1983248891035687,
      "nb_commandes" : 0.2054603166490372,
      "next_weekday" : 0.25493936836977815
    },
    "oob_r2" : -0.8212957651100137,
    "other_feature_set" : {
      "backtest_mean" : null,
      "feature_set" : "basic",
      "test" : {
        "mae" : 2943.0399999999995,
        "r2" : -1.8659844625998794,
        "rmse" : 3681.18664170667
      }
    },
    "test" : {
      "mae" : 2294.138333333334,
      "r2" : -0.4546528535898282,
      "rmse" : 2622.5912216447587
    }
  },
  "model_version" : "v0001-20261203T073824Z",
  "test_predictions" : [
    {
      "actual" : 8421.14,
      "date" : "2024-02-17",
      "predicted" : 10493.76
    },
    {
      "actual" : 8845.81,
      "date" : "2024-02-18",
      "predicted" : 11013.54
    },
    {
      "actual" : 8280.56,
      "date" : "2024-02-19",
      "predicted" : 10289.263333333334
    },
    {
      "actual" : 6073.93,
      "date" : "2024-02-20",
      "predicted" : 7413.389999999999
    },
    {
      "actual" : 7378.07,
      "date" : "2024-02-21",
      "predicted" : 11310.466666666667
    },
    {
      "actual" : 11967.33,
      "date" : "2024-02-22",
      "predicted" : 9541.386666666667
    },
    {
      "actual" : 13433.67,
      "date" : "2024-02-23",
      "predicted" : 13129.326666666666
    },
    {
      "actual" : 10316.65,
      "date" : "2024-02-24",
      "predicted" : 11754.18
    },
    {
      "actual" : 9385.57,
      "date" : "2024-02-25",
      "predicted" : 12254.663333333332
    },
    {
      "actual" : 6918.67,
      "date" : "2024-02-26",
      "predicted" : 11847.986666666666
    },
    {
      "actual" : 12002.81,
      "date" : "2024-02-27",
      "predicted" : 11305
    },
    {
      "actual" : 7731.36,
      "date" : "2024-02-28",
      "predicted" : 11076.073333333334
    }
  ],
  "training" : {
    "features_path" : "feat.csv",
    "features_sha256" : "1cfa9577bab5bf4dd5028753961f3b0723b69b04d9b9177c99aa32bcba780a92",
    "test_first_day" : "2024-02-17",
    "test_last_day" : "2024-02-28",
    "test_rows" : 12,
    "train_first_day" : "2024-01-01",
    "train_last_day" : "2024-02-16",
    "train_rows" : 47
  },
  "trees" : {
    "count" : 3,
    "data" : "AgAAACAAAAAAAAAAAAASQAUAAAAXAAAAFK5H4So2xEADAAAAFAAAAAh1UAclNslABQAAAAsAAAAzMzMz85m+QAAAAAAIAAAAcT0K10N6w0AAAAAABwAAAHE9CtdTCsJA/////wAAAAAfhetRWD7HQP////8AAAAACtejcP0OxkAAAAAACgAAAGZmZmYWvs5A/////wAAAAAfhetReDbDQP////8AAAAAw/UoXE+FxEABAAAADQAAAAAAAAAAwEdA/////wAAAADsUbgeRbXFQAIAAAARAAAAAAAAAAAABEAAAAAAEAAAABSuR+GKYsRA/////wAAAADhehSux0bJQP////8AAAAAcT0K1+M5ykAAAAAAEwAAANejcD0Ktb9A/////wAAAACPwvUovCDIQP////8AAAAAMzMzM9PeyEAAAAAAFgAAAFyPwvVI+MRA/////wAAAAC4HoXrkXTAQP////8AAAAAAAAAAMBZv0ACAAAAHQAAAAAAAAAAAAhAAAAAABwAAAC4HoXrASrJQAAAAAAbAAAAuB6F6xElwkD/////AAAAAClcj8J1NbxA/////wAAAABmZmZmJtq9QP////8AAAAAZmZmZib6uEAAAAAAHwAAAHoUrkfhA8ZA/////wAAAAAUrkfhWg/BQP////8AAAAA4XoUrge1wUAFAAAALAAAAAAAAAAgQ8VABQAAACcAAAB/arx0A7bBQAMAAAAmAAAAOjrrlAkyxEAAAAAAJQAAABSuR+H6iMdA/////wAAAAAK16NwndPHQP////8AAAAAU7gehUtxxkD/////AAAAAFK4HoULiM1AAAAAACsAAADC9ShcbzPLQAAAAAAqAAAAwvUoXA+ox0D/////AAAAAB+F61HYesFA/////wAAAAAAAAAAAGG+QP////8AAAAA7FG4HgX1xEAEAAAAMgAAAGtS0b9fMcVAAAAAAC8AAABSuB6FC+DCQP////8AAAAA7FG4HlWU0EAAAAAAMQAAAM7MzMzcmcpA/////wAAAACF61G4Dt/UQP////8AAAAASOF6FP5t1UAAAAAANgAAAArXo3C9esJAAAAAADUAAAApXI/C9TC/QP////8AAAAAw/UoXA8LxED/////AAAAADMzMzNz8cBAAAAAADgAAAAzMzMzM9zKQP////8AAAAAMzMzM/OGykD/////AAAAAD4K16MQzcdAAgAAADIAAAAAAAAAAAAWQAEAAAAJAAAAAAAAAAAAR0ADAAAABgAAAFyPwvXYKMRAAAAAAAUAAAAAAAAAAOe8QP////8AAAAArkfhehRtskD/////AAAAAIXrUbje7bRAAAAAAAgAAABcj8L1iH28QP////8AAAAAKVyPwnU1vED/////AAAAADMzMzNz8cBAAwAAABsAAAB2UAd1oCHEQAUAAAAMAAAACtejcJ2ztUD/////AAAAAKRwPQoXbLpABQAAABoAAAApXI/CJc7EQAIAAAAPAAAAAAAAAAAA+D//////AAAAAB+F61F4NsNAAQAAABcAAAAAAAAAAMBLQAQAAAAUAAAALkF5+oFIw0AAAAAAEwAAABWuR+E6FL5A/////wAAAACPwvUovCDIQP////8AAAAAH4XrUVg+x0AAAAAAFgAAAJqZmZmZqMBA/////wAAAADsUbgeRbXFQP////8AAAAACtejcP0OxkAAAAAAGQAAAClcj8K1FcNA/////wAAAADhehSux0bJQP////8AAAAACtejcJ3Tx0D/////AAAAAIXrUbi+UMtABQAAACkAAAAK16Nw3bHDQAUAAAAoAAAA7FG4HrWuwkADAAAAHwAAAI5gor8TvMRA/////wAAAABmZmZmZky/QAEAAAAjAAAAAAAAAABATkACAAAAIgAAAAAAAAAAAAxA/////wAAAACF61G4/n7CQP////8AAAAAuB6F65F0wEACAAAAJwAAAAAAAAAAAAxAAAAAACYAAADhehSuf0PRQP////8AAAAAZmZmZgbnw0D/////AAAAAMP1KFxPhcRA/////wAAAAAzMzMz097IQP////8AAAAAcT0K1+M5ykACAAAALwAAAAAAAAAAAAxAAAAAAC4AAAC4HoXrASrJQAIAAAAtAAAAAAAAAAAAAED/////AAAAAGZmZmYm2r1A/////wAAAACPwvUoXG2/QP////8AAAAAZmZmZib6uEAAAAAAMQAAAKRwPQqnSsRA/////wAAAACuR+F69BTEQP////8AAAAA4XoUrge1wUABAAAAOgAAAAAAAAAAQE9AAQAAADkAAAAAAAAAAEBNQAQAAAA4AAAAor+T1Ua+xUAAAAAANwAAAGZmZmZGJcFA/////wAAAABSuB6Fiy/GQP////8AAAAAUrgehUtxxkD/////AAAAAGZmZmZm/sNA/////wAAAAAfhetR2HrBQAAAAAA8AAAAuB6F6wEQxED/////AAAAAIXrUbgO39RAAAAAAD4AAADNzMzM/ITEQP////8AAAAAPQrXo7Bh0ED/////AAAAADMzMzPzhspAAQAAADgAAAAAAAAAACBUQAQAAAAtAAAAFl/xFSPSxkAFAAAALAAAAML1KFzX59JAAwAAACcAAAAIdVAHJTbJQAYAAAAYAAAAFbi1hynt8D8CAAAAFwAAAAAAAAAAABpABAAAABAAAAD1Yz/2R0bFQAYAAAALAAAArjcMxlnW5T8AAAAACgAAABSuR+H6rLdA/////wAAAABSuB6Fiy/GQP////8AAAAAj8L1KLwgyEAAAAAADQAAANejcD0KZ7hA/////wAAAADD9ShcL97AQAEAAAAPAAAAAAAAAABATkD/////AAAAAFK4HoVr3sJA/////wAAAADD9ShcDwvEQAQAAAAUAAAAjGCiv0PfxUAAAAAAEwAAAD4K16OAK8ZA/////wAAAAAzMzMz097IQP////8AAAAAcT0K1+M5ykAAAAAAFgAAAOxRuB5VysJA/////wAAAABSuB6FC4jNQP////8AAAAAexSuR+FPy0D/////AAAAAIXrUbgO39RAAQAAAB4AAAAAAAAAAEBNQAIAAAAbAAAAAAAAAAAADED/////AAAAAIXrUbi+UMtAAAAAAB0AAABmZmZm5ljEQP////8AAAAAH4XrUVg+x0D/////AAAAAFK4HoVLccZABgAAACIAAADXJi5wI/DxPwAAAAAhAAAAuB6F6/FVyED/////AAAAAGZmZmYm2r1A/////wAAAAAAAAAAAGG+QAAAAAAmAAAAhetRuE64yUAAAAAAJQAAAHA9CtcDScdA/////wAAAAAfhetR2HrBQP////8AAAAA4XoUrge1wUD/////AAAAAGZmZmYG58NAAQAAACkAAAAAAAAAAMBLQP////8AAAAAuB6F65F0wEAAAAAAKwAAALgeheth88RA/////wAAAACPwvUoXG2/QP////8AAAAAAAAAAMBZv0D/////AAAAAD0K16OwYdBAAwAAAC8AAAC4bdu2jSLEQP////8AAAAA7FG4HkW1xUACAAAAMwAAAAAAAAAAAAhAAAAAADIAAAAzMzMzA4LDQP////8AAAAAKVyPwnU1vED/////AAAAAGZmZmYm+rhAAAAAADcAAAApXI/CJc7EQAIAAAA2AAAAAAAAAAAAEkD/////AAAAABSuR+FaD8FA/////wAAAAAzMzMzc/HAQP////8AAAAAKVyPwnUAwED/////AAAAAEjhehT+bdVA",
    "encoding" : "base64 of little-endian nodes: int32 feature (-1 = leaf), int32 right child, float64 threshold or leaf value; left child = next node",
    "node_counts" : [
      57,
      63,
      57
    ],
    "sha256" : "8aebd5271b111601d14d28efdd51feb06ba1a3cb38b8bdc85f83347e4cc27a71"
  }
}
"""#
}
