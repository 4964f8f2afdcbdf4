import Foundation
@testable import Monitoring

/// Calendar-shaped log lines and features files written by hand for the tests.
enum LogFixtures {
    static let calendarHeader = "timestamp,ca_total,nb_commandes,prediction,model_version,date,forecast_date,lower,upper,request_id\n"
    static let fiveColumnHeader = "timestamp,ca_total,nb_commandes,prediction,model_version\n"
}
