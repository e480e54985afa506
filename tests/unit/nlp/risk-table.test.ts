import { describe, expect, it } from "vitest";
import { mergeRisk, raiseOnly } from "../../../nlp/risk.js";
import type { RiskAssessment, RiskColor } from "../../../nlp/types.js";
import { sharedTriager } from "./helpers.js";

/** [text, expected colour, criterion that must be among the reasons (or null)] */
const TABLE: [string, RiskColor, string | null][] = [
  // self-harm
  ["我真的不想活了，这日子没法过", "red", "self_harm"],
  // a few words between the habit and the blow; a phone call is not a blow
  ["他三天两头半夜回来就打我，我身上全是伤", "red", "domestic_violence"],
  ["他天天打我电话催我还钱", "blue", null],
  // the warning before the child
  ["他撂下话：当心你家闺女，我天天在学校门口等着", "red", "violence_threat"],
  ["被他们逼得我都想喝农药了", "red", "self_harm"],
  ["我妈说要是地再被占她就跳楼", "red", "self_harm"],
  ["我一时想不开，昨晚吃了一把安眠药", "red", "self_harm"],
  ["再不给我工钱我就从楼顶跳下去", "red", "self_harm"],
  ["活着还有什么意思，不如死了算了", "red", "self_harm"],
  ["遗书我都写好了", "red", "self_harm"],
  ["我表哥想不开喝了敌敌畏，现在在医院", "red", "self_harm"],
  ["我想一了百了", "red", "self_harm"],
  ["老婆跑了，我只想去死", "red", "self_harm"],
  // dialect, typos, spacing
  ["俺真不想活勒", "red", "self_harm"],
  ["不 想 活 了", "red", "self_harm"],
  ["逼得我想喝农要", "red", "self_harm"],
  ["想紫砂", "red", "self_harm"],
  ["我想跳搂", "red", "self_harm"],
  ["我不想活了。不是开玩笑", "orange", "self_harm"],
  // hesitation keeps it at least orange
  ["我想死，可是我不敢", "orange", "self_harm"],
  ["有时候真觉得活着好累", "orange", "self_harm"],
  // negation: not a threat
  ["我从来没想过寻死，就是想要回我的钱", "blue", null],
  ["你放心，我不会自杀的，我只想讨个说法", "blue", null],
  ["我没有想过轻生，只是邻居太欺负人", "blue", null],
  // negation must not hide a threat
  ["我没想过死，但是现在真的撑不下去了", "orange", "self_harm"],
  ["你别想不开啊，我姐这几天一直哭", "red", "self_harm"],
  ["我不是不想死，是放不下孩子", "orange", "self_harm"],
  // violence threats (third parties included)
  ["他说要弄死我", "red", "violence_threat"],
  ["邻居扬言要杀了我全家", "red", "violence_threat"],
  ["他放话让我出门小心", "red", "violence_threat"],
  ["我要报复他们，让他们付出代价", "red", "violence_threat"],
  ["前夫说见一次打一次", "red", "violence_threat"],
  ["对方叫人收拾我", "red", "violence_threat"],
  ["我老公说要砍死他", "red", "violence_threat"],
  // idioms that are not threats
  ["打死我也不签这个字", "blue", null],
  ["今天笑死我了，不过地的事还没解决", "blue", null],
  ["累死了，跑了一天也没办成", "blue", null],
  ["商场跳楼价甩卖的衣服质量不好", "blue", null],
  // weapons
  ["他拿着菜刀站在我家门口", "red", "weapon"],
  ["对方家里有猎枪", "red", "weapon"],
  ["他说要往我家泼汽油", "red", "weapon"],
  ["带着斧头来砍我家的树还骂人", "red", "weapon"],
  // extreme behaviour
  ["他说要一把火烧了我家房子", "red", "extreme_behavior"],
  ["大不了同归于尽", "red", "extreme_behavior"],
  ["我要死在他家门口", "red", "extreme_behavior"],
  ["逼急了我就爬上塔吊", "red", "extreme_behavior"],
  // domestic violence
  ["老公一喝酒就打我", "red", "domestic_violence"],
  ["我被丈夫打得住院了", "red", "domestic_violence"],
  ["我遭受家暴好几年了", "red", "domestic_violence"],
  ["后爸经常打我妈", "red", "domestic_violence"],
  // group incidents
  ["村民们准备明天去堵路", "red", "group_incident"],
  ["我们要集体上访", "red", "group_incident"],
  ["工人们在工地门口拉横幅讨薪", "red", "group_incident"],
  ["家属在医院停尸讨说法", "red", "group_incident"],
  // collective disputes
  ["我们全村的地都被占了", "orange", "collective_dispute"],
  ["三十多户的补偿款都没发", "orange", "collective_dispute"],
  // vulnerable people
  ["我妈八十多岁了一个人住，侄子占了她的房子", "orange", "vulnerable_party"],
  ["我怀孕五个月，老板把我辞退了", "orange", "vulnerable_party"],
  ["我是残疾人，低保被取消了", "orange", "vulnerable_party"],
  ["孩子才九岁，被高年级的勒索", "orange", "vulnerable_party"],
  // large sums
  ["借给他五十万，现在人找不到了", "orange", "large_sum"],
  ["工程款一百二十万一直拖着", "orange", "large_sum"],
  // repeated escalation
  ["这个事我多次上访都没有结果", "orange", "repeated_escalation"],
  ["跑了无数趟，各部门推来推去", "orange", "repeated_escalation"],
  // intense conflict
  ["两家为了地界打起来了，我爸被打伤", "orange", "intense_conflict"],
  ["他天天威胁我们", "orange", "intense_conflict"],
  // prior attempts failed
  ["找过村委会好几次，都没用", "yellow", "prior_attempts_failed"],
  ["报过警了，派出所说不管", "yellow", "prior_attempts_failed"],
  // threats without a fixed keyword: verbs of killing or maiming with a person object
  ["他扬言要劈了你们一家", "red", "violence_threat"],
  ["对门那个人说迟早捅他几刀", "red", "violence_threat"],
  ["他说早晚要把我儿子打残", "red", "violence_threat"],
  ["他说要让我们家鸡犬不宁", "red", "violence_threat"],
  ["我跟那个包工头拼了", "red", "extreme_behavior"],
  ["我爸说要去找村长拼命", "red", "extreme_behavior"],
  ["他扬言要放火烧我们家的草垛", "red", "extreme_behavior"],
  ["老板砍我工资砍了一半", "blue", null],
  ["他把我家的树砍了，想让他赔", "blue", null],
  ["我每天拼命干活还是还不上贷款", "blue", null],
  ["楼上天天蹦迪让我们不得安宁", "blue", null],
  // weapons held, prepared or used in a conflict; not a weapon word bought as a product
  ["镰刀我都磨好了", "red", "weapon"],
  ["他手里攥着一把镰刀追我", "red", "weapon"],
  ["他拎着钢管在村口等我", "red", "weapon"],
  ["柴油我已经买好了，谁敢来推我家房子我就点", "red", "weapon"],
  ["吵架的时候他抄起锄头就要打我", "red", "weapon"],
  ["网上买的斧头用了两天就坏了，商家不退", "blue", null],
  ["我家的刀磨得很快切菜很好用", "blue", null],
  // domestic violence going on now
  ["他喝了酒就踹我", "red", "domestic_violence"],
  ["她老公又在打她了", "red", "domestic_violence"],
  ["我刚才又被我老公打了，脸上还在流血", "red", "domestic_violence"],
  ["邻居把我打得住院了", "orange", "intense_conflict"],
  ["孩子打疫苗刚被打了一针，胳膊肿了", "blue", null],
  // group actions without a count word, and counts with a planned action
  ["我们四十多户约好了后天一起去市政府", "red", "group_incident"],
  ["八十多名工人围在项目部门口", "red", "group_incident"],
  ["几十户村民准备去县里讨说法", "red", "group_incident"],
  ["工人们说不给工资就住在公司不走了", "red", "group_incident"],
  ["两百多号工人的工资拖了半年", "orange", "collective_dispute"],
  ["我们没有去上访，只是想问问政策", "blue", null],
  ["我不想去堵路，就想拿回钱", "blue", null],
  ["我们说好了一起去镇上办证", "blue", null],
  // a plain denial of a fight is not a fight
  ["我们没动手，就是吵了两句", "blue", null],
  ["我绝不会去找他打架", "blue", null],
  // self-harm: explicit ideation, means prepared, farewell
  ["活着真没意思，没啥盼头了", "red", "self_harm"],
  ["这次是我最后一次跟你们联系了，孩子交给他外婆了", "red", "self_harm"],
  ["老太太说不给她补偿就去镇政府门口上吊", "red", "self_harm"],
  ["老鼠药他已经买好了，藏在床底下", "red", "self_harm"],
  // middle signals: someone else at risk, a reassurance about a risk, a failed mediation
  ["我姐失恋后天天不吃饭，我担心她走绝路", "orange", "self_harm"],
  ["放心吧我不会干傻事", "yellow", "self_harm"],
  ["村委会调解过两回，他每次签完字就反悔", "yellow", "prior_attempts_failed"],
  // violence under way right now is red (round 4): the person is in danger at this moment
  ["他正在砸我家门", "red", "domestic_violence"],
  // round 2 — indirect self-harm: means hidden or stockpiled (often told by a relative), hanging talk
  ["我在我爸枕头底下发现他藏了一瓶敌敌畏", "red", "self_harm"],
  ["婆婆偷偷囤了好几瓶安定片，问她也不说", "red", "self_harm"],
  ["我哥把医生开的安眠药都攒着不吃", "red", "self_harm"],
  ["他说实在不行就拿根麻绳往房梁上一挂", "red", "self_harm"],
  ["我媳妇这几天老说去寻棵歪脖子树", "red", "self_harm"],
  ["我妈把百草枯藏在柜子最里面，被我翻到了", "red", "self_harm"],
  ["我把农药藏起来了，免得小孩误喝", "blue", null],
  ["家里老鼠多，买了老鼠药放在厨房", "blue", null],
  ["地里生虫了去镇上买了两瓶农药打", "blue", null],
  ["他家院子里那棵歪脖子树挡住我家光了", "blue", null],
  ["冬天冷，买了些木炭回来烤火", "blue", null],
  // a concrete means or plan stays red whatever hesitation follows; vague ideation may soften
  ["药我都攒够了，一口气吞下去就一了百了，只是舍不得两个孩子", "red", "self_harm"],
  ["炭和胶带都买回来了，就是不敢点", "red", "self_harm"],
  ["地方我都看好了，就是村后那个水库，周六晚上去，可我放不下我爸", "red", "self_harm"],
  ["绳子已经买好了，可是我还是下不了手", "red", "self_harm"],
  ["有时候真想死，可是舍不得孩子", "orange", "self_harm"],
  ["想从楼上跳下去又不敢", "orange", "self_harm"],
  // threats to maim, gas cylinders and fire, protests on high places, a person locked in
  ["催收的人说不还钱就打断我儿子的腿", "red", "violence_threat"],
  ["他们说再拖就让我下半辈子坐轮椅", "red", "violence_threat"],
  ["那个人把自己反锁在车里，车上放着液化气罐，谁靠近就点火", "red", "extreme_behavior"],
  ["老赵抱着煤气罐坐在村委会办公室不走", "red", "extreme_behavior"],
  ["他扬言要把镇政府炸平", "red", "extreme_behavior"],
  ["有个民工爬到工地的吊车上面，说不结工资就不下来", "red", "extreme_behavior"],
  ["我姐被她男人锁在家里一个多月了，手机也被收了", "red", "domestic_violence"],
  ["我女儿被婆家关在屋里，不许她回娘家", "red", "domestic_violence"],
  ["家里煤气罐没气了，打电话让人送气", "blue", null],
  ["我家住在楼顶，夏天很热漏雨，物业不修", "blue", null],
  ["钥匙锁在屋里了，开锁师傅要价两百", "blue", null],
  ["我在工地开塔吊，老板拖欠了三个月工资", "blue", null],
  ["我想把这块地上的杂草烧了，邻居不让", "blue", null],
  // a group planning to surround, block or storm a place, or a gang called to beat someone
  ["村里人都说好了，后天一起去把化工厂大门堵死", "red", "group_incident"],
  ["业主们商量着明天把售楼处围起来", "red", "group_incident"],
  ["我们二十多户都气坏了。明天就去把养猪场的路封死", "red", "group_incident"],
  ["他已经喊了二十多个兄弟，晚上要去找那家人算账", "red", "violence_threat"],
  ["对方叫了一帮人说要来把我家砸了", "red", "violence_threat"],
  ["我们约好了下周去把合同签了", "blue", null],
  ["他喊了几个亲戚来帮忙搬家", "blue", null],
  // earlier attempts that failed: mediation, enforcement, being sent between offices, talks in vain
  ["村里调解了三次都没调好", "yellow", "prior_attempts_failed"],
  ["法院判了他还钱，可是一直不执行，一分钱没拿到", "yellow", "prior_attempts_failed"],
  ["官司赢了，申请了强制执行也没用", "yellow", "prior_attempts_failed"],
  ["劳动局让我找仲裁，仲裁又让我找法院", "yellow", "prior_attempts_failed"],
  ["几个部门互相推诿，谁都不管", "yellow", "prior_attempts_failed"],
  ["跟他们协商了好多次，一点用都没有", "yellow", "prior_attempts_failed"],
  ["合同纠纷，判决书下来了，想问下多久能生效", "blue", null],
  // petitioning kept up for years or up the ladder
  ["这件事我反映了五六年了，一直没结果", "orange", "repeated_escalation"],
  ["县里市里我都写过信，都没回音", "orange", "repeated_escalation"],
  // idioms: living differently, animals and pests, hardship hyperbole
  ["我不想活得这么憋屈，想把彩礼要回来", "blue", null],
  ["我再也不想活得这样低声下气", "blue", null],
  ["不想活得那么累，想换个轻松点的工作，公司不放人", "blue", null],
  ["我拿棍子要打死偷鸡的黄鼠狼", "blue", null],
  ["家里老鼠太多了，想买药毒死它们", "blue", null],
  ["一个月工资才两千，真是穷死了，能申请补助吗", "blue", null],
  ["穷得快饿死了，低保怎么申请", "orange", "vulnerable_party"],
  ["他拿着棍子追着我家狗打，还骂我", "red", "weapon"],
  // round 3 — risk told as a situation, without a trigger word
  ["我舅舅蹲在水库边上一整天了，谁劝都不回家", "red", "self_harm"],
  ["表姐一个人坐在大桥栏杆外面，电话也不接", "red", "self_harm"],
  ["我们一家周末在河边钓鱼被罚款了", "blue", null],
  ["那个工人攀到了厂区的烟囱上，底下围了好多人", "red", "extreme_behavior"],
  ["我是塔吊司机，每天爬上塔吊干活，工资拖了两个月", "blue", null],
  ["我大伯被儿媳锁在猪圈旁边的棚子里，一天只给一顿饭", "red", "domestic_violence"],
  ["两个儿子都不管老爹，好几天不给饭吃", "orange", "vulnerable_party"],
  ["我姑这阵子饭也不吃水都不喝，前天把金镯子都分给了侄女们", "red", "self_harm"],
  ["奶奶这两天挨个跟孙子们道别，还说不想再拖累大家", "red", "self_harm"],
  ["厂里举办了告别仪式，想问问补偿金怎么算", "blue", null],
  ["他发消息说先把你女儿废了再找你算账", "red", "violence_threat"],
  ["要债的放话说不还钱就上你老婆单位去闹，让你看着办", "red", "violence_threat"],
  ["讨债的说过两天去你爸妈老家坐坐", "orange", "intense_conflict"],
  ["毒药早就备齐了，这个家我不想待了", "red", "self_harm"],
  ["医生开的药都买好了，想问医保能报多少", "blue", null],
  ["我嫂子说实在过不下去就抱着娃往井里跳", "red", "self_harm"],
  ["离婚以后我想带着孩子搬回老家住", "blue", null],
  ["我爸前年过世了，我妈天天说要随他去", "red", "self_harm"],
  ["帮我把后事办了吧，我撑不住了", "red", "self_harm"],
  ["再不给个说法，我宁可死在镇政府大厅里", "red", "extreme_behavior"],
  ["全组的人都订好了去省城的火车票，说要去反映", "red", "group_incident"],
  ["十几户村民扯起两条横幅坐在县政府门口不走", "red", "group_incident"],
  ["新店开业拉了一条横幅庆祝，城管说要罚款", "blue", null],
  ["她有了六个月的身孕，男方家里还逼她去干重活", "orange", "vulnerable_party"],
  ["娃他爹娘都出去打工，孩子只能自己留在家", "orange", "vulnerable_party"],
  ["学校食堂出了问题，三十几个孩子上吐下泻送进医院", "orange", "collective_dispute"],
  ["他把我爸从台阶上推下去，腿摔断了", "orange", "intense_conflict"],
  ["我骑车不小心把自己摔了，胳膊骨折，想问保险", "blue", null],
  ["两家小孩在村口扭打了一阵，好在都没受伤", "blue", null],
  ["两家人在地头打起来了。我叔叔胳膊被打伤了", "orange", "intense_conflict"],
  ["派出所让我找司法所，司法所又让我回派出所", "yellow", "prior_attempts_failed"],
  ["村里来来回回跑了五六趟，事情一点没动", "yellow", "prior_attempts_failed"],
  ["网格员上门调解了，可还是调不好", "yellow", "prior_attempts_failed"],
  // round 4 — group plans in other forms: machinery blocked, a sales office surrounded, Beijing petitions mistyped, village fights
  ["村里人都说好了，铲车一进村就把它拦下来，谁也别想施工", "red", "group_incident"],
  ["几十户人商量着明天躺到推土机前面去", "red", "group_incident"],
  ["我一个人去拦了他们的挖掘机", "orange", "intense_conflict"],
  ["开发商不交房，业主们都去围营销中心", "red", "group_incident"],
  ["乡亲们准备一块儿上坊，到北京去反映", "red", "group_incident"],
  ["我们组二十几户都要进京告状", "red", "group_incident"],
  ["为了争那片山林，我们村和邻村约好了后天干一架", "red", "group_incident"],
  ["老少爷们都喊上了，拿家伙去跟对方拼", "red", "group_incident"],
  ["新房装上防盗门以后，开发商又要加钱", "blue", null],
  ["村里年轻人都叫上了，去帮隔壁收玉米", "blue", null],
  ["他想进京务工，问劳动合同怎么签", "blue", null],
  ["没有施工许可证就不让施工，这个规定在哪", "blue", null],
  // ongoing domestic violence told second-hand or in the present
  ["我闺女这阵子又挨她婆婆打了", "red", "domestic_violence"],
  ["我妹又被她男人打了，电话里一直哭", "red", "domestic_violence"],
  ["他喝多了还在踹门，我抱着孩子躲在卧室", "red", "domestic_violence"],
  ["我儿子在学校三天两头挨揍", "orange", "intense_conflict"],
  ["装修工人正在砸墙，吵得睡不着", "blue", null],
  // menace that only implies harm
  ["讨债的说我知道你家在哪，再不还钱你看着办", "red", "violence_threat"],
  ["对方放话说知道我闺女在哪个学校", "orange", "intense_conflict"],
  ["你家娃上学路上可要当心点", "red", "violence_threat"],
  ["我知道他家在哪，想去法院起诉他", "blue", null],
  // a single warning sign with despair; fuel with a lighter
  ["我舅这两天把自己的东西都分给了邻居，说活到这份上没指望了", "red", "self_harm"],
  ["婆婆四天没吃饭了，嘴里念叨这日子没法过", "red", "self_harm"],
  ["这笔工钱看来是没指望了，老板跑了", "blue", null],
  ["他提着一桶柴油，兜里揣着打火机，就坐在镇政府门口", "red", "extreme_behavior"],
  ["车子半路没油了，去加油站灌了一桶汽油", "blue", null],
  ["他家汽油车天天停在我家门口", "blue", null],
  // vulnerable people hurt or left; failed attempts worded differently
  ["我媳妇怀着孩子被她小叔子推倒，见红了", "orange", "vulnerable_party"],
  ["我爸卧床不起，大哥一家搬走了把他撇在家里没人管", "orange", "vulnerable_party"],
  ["老人卧床，想问长期护理保险怎么申请", "blue", null],
  ["我去社保局，社保局说这个部门推到那个部门", "yellow", "prior_attempts_failed"],
  ["调解协议签了，他一直拒不履行", "yellow", "prior_attempts_failed"],
  ["在司法所调解未果，接下来怎么办", "yellow", "prior_attempts_failed"],
  ["我不会做傻事的，就想把钱要回来", "yellow", "self_harm"],
  // ordinary
  ["楼上装修有点吵，想请人协调一下", "blue", null],
  ["想咨询一下离婚手续怎么办", "blue", null],
  ["快递丢了，快递公司不赔", "blue", null],
  // ── round 5 ──
  // ongoing violence at home told second-hand, without a weapon word
  ["隔壁王婶说她儿媳妇天天挨打 前天又被打进了医院", "red", "domestic_violence"],
  ["我姐夫一喝多就往死里打我姐", "red", "domestic_violence"],
  ["听邻居说那家男的天天打老婆 孩子吓得直哭", "red", "domestic_violence"],
  ["他刚才又打了我 现在出去喝酒了", "red", "domestic_violence"],
  // implied threats: a life for a life, a curse with lurking, a child taken, a warning about sleep
  ["他放话说要跟我一命换一命", "red", "violence_threat"],
  ["大不了拿我这条命跟他换", "red", "violence_threat"],
  ["一命换一命这种台词我在电视剧里听过", "blue", null],
  ["他骂我让我断子绝孙 最近晚上老是在我家楼下蹲着", "red", "violence_threat"],
  ["吵架时他骂了句断子绝孙", "orange", "intense_conflict"],
  ["邻居家的狗天天在我家门口转悠", "blue", null],
  ["催债的说再不还钱就把你女儿绑走", "red", "violence_threat"],
  ["对方撂下一句话 晚上睡觉可当心点", "red", "violence_threat"],
  ["他冲我喊 你睡觉最好睁着一只眼", "red", "violence_threat"],
  ["孩子睡觉老踢被子 我夜里睡觉也得小心点", "blue", null],
  // a high place or the water after a loss, even after coming back down
  ["我爸生意赔光了 前天爬到楼顶上站了好久 被我们劝下来了", "red", "self_harm"],
  ["我在黄河桥上站着呢 你们再不来人我就下去了", "red", "self_harm"],
  ["我每天骑车从黄河大桥上过 桥上总堵车", "blue", null],
  ["小时候从树上跳下来摔断过腿", "blue", null],
  // a long unpunctuated story: an old frame (以前) far before a present despair does not soften it
  ["我以前做生意挺好的 后来被人骗了 现在什么都没了 真的不想活了", "red", "self_harm"],
  // context words count only near the words: a pastime far back does not void a warning sign, a quarrel far back does not make a kitchen knife a weapon
  ["我爸年轻时最爱去水库边钓鱼 后来厂子倒闭了 欠了一屁股债 家里天天有人上门要账 他整个人都变了 昨晚一个人在桥上站了大半夜 喊他也不应", "red", "self_harm"],
  ["去年跟邻居吵过一回架 早就和好了 现在关系挺好 今天就想问问 我家厨房里用了十来年的那把菜刀生锈了 还能不能修", "yellow", null],
  // a group that agreed on a place and an action
  ["我们村二十多户商量好了 后天一起去国道上拦车", "red", "group_incident"],
  ["工人们约好了 明天去公司门口堵着 不给钱不走", "red", "group_incident"],
  ["要是还不给结账 我们就上国道把路堵了", "red", "group_incident"],
  ["俺也不是要闹事 就是想把工钱要回来", "blue", null],
  ["楼下天天有几个人跳广场舞 音响开得震天响", "blue", null],
  // confinement described physically
  ["他们把我奶奶关在屋里 门用铁丝拧上了", "red", "domestic_violence"],
  ["儿子儿媳出门打工 从外面把门锁上了 老人一个人在里面", "red", "domestic_violence"],
  ["物业把我家门锁死了 说我欠物业费", "blue", null],
  ["出门前把门锁上了 回来发现被偷了", "blue", null],
  // speech-to-text homophones of danger words
  ["他说我再告他 就砂了我全家", "red", "violence_threat"],
  ["他喝了滴滴畏 正在医院洗胃", "red", "self_harm"],
  ["我攒了好多安眠要", "red", "self_harm"],
  ["吓傻了我 这事怎么办", "blue", null],
  ["我妹打电话哭着说她男人又把她打得下不了床", "red", "domestic_violence"],
  ["他在我家门口转悠好几天了 还说知道我家住哪", "red", "violence_threat"],
  ["明天要早起赶车 睡觉别太死 不然听不见闹钟", "blue", null],
  ["他把门从外面锁上就出去打工了 家里没人", "blue", null],
  // everyday words that look like danger
  ["热得难受得要死 空调坏了物业不修", "blue", null],
  ["收麦子的时候他拿着镰刀在地里干活 割到我家地了", "blue", null],
  ["我儿子想跳槽 老板不放人还扣工资", "blue", null],
];

describe("risk table", () => {
  it("has at least 60 phrases", () => expect(TABLE.length).toBeGreaterThanOrEqual(60));

  it.each(TABLE)("%s → %s (%s)", (text, color, criterion) => {
    const t = sharedTriager().triage(text);
    expect(t.risk.color).toBe(color);
    if (criterion) expect(t.risk.reasons.map((r) => r.criterion)).toContain(criterion);
    // Every raised reason names the words that triggered it.
    for (const r of t.risk.reasons) if (r.color !== "blue") expect(r.words.length).toBeGreaterThan(0);
  });

  it("notes a negated mention instead of dropping it silently", () => {
    const t = sharedTriager().triage("我从来没想过寻死");
    expect(t.risk.reasons.some((r) => r.signal.endsWith("_negated"))).toBe(true);
  });

  it("keeps a weapon word bought as a product as a note, not a reason", () => {
    const t = sharedTriager().triage("网上买的斧头用了两天就坏了，商家不退");
    expect(t.risk.reasons.some((r) => r.signal === "weapon_in_conflict_no_context" && r.words.includes("斧头"))).toBe(true);
  });

  it("explains a combined signal with the words of every part", () => {
    const t = sharedTriager().triage("几十户村民准备去县里讨说法");
    const group = t.risk.reasons.find((r) => r.criterion === "group_incident");
    expect(group?.words).toEqual(expect.arrayContaining(["几十户"]));
    expect(group?.words.some((w) => w.includes("讨说法"))).toBe(true);
  });

  it("never lets the speaker's own denial hide another person's threat", () => {
    expect(sharedTriager().triage("我没打算跟他打架，可他说要劈了我").risk.color).toBe("red");
  });

  it("keeps a concrete plan red through hesitation but lets a past or joking frame lower it", () => {
    const plan = sharedTriager().triage("安眠药攒了一瓶，只是放不下我妈").risk;
    expect(plan.color).toBe("red");
    expect(plan.reasons.find((r) => r.criterion === "self_harm")?.signal).toBe("self_harm_plan");
    expect(sharedTriager().triage("以前偷偷攒过一瓶安眠药").risk.color).toBe("orange");
  });

  it("explains a cross-sentence group plan with the count and the plan words", () => {
    const t = sharedTriager().triage("我们二十多户都气坏了。明天就去把养猪场的路封死");
    const group = t.risk.reasons.find((r) => r.criterion === "group_incident");
    expect(group?.signal).toBe("group_siege");
    expect(group?.words.some((w) => w.includes("封死"))).toBe(true);
  });

  it("lets a despair cue count only together with a warning sign, never alone", () => {
    const alone = sharedTriager().triage("这日子没法过了，邻居天天吵").risk;
    expect(alone.reasons.some((r) => r.signal === "despair_cue")).toBe(false);
    const together = sharedTriager().triage("他这几天不吃饭，说这日子没法过了").risk;
    const reason = together.reasons.find((r) => r.signal === "warning_sign_with_despair");
    expect(reason?.color).toBe("red");
    expect(reason?.words).toEqual(expect.arrayContaining(["这日子没法过"]));
  });

  it("assigns the owner from the rubric", () => {
    expect(sharedTriager().triage("他说要弄死我").risk).toMatchObject({ owner: "political_legal_secretary", ownerTitle: "政法委书记" });
    expect(sharedTriager().triage("楼上装修有点吵").risk.owner).toBe("mediator");
  });
});

describe("colours only go up without a person", () => {
  const red: RiskAssessment = sharedTriager().triage("我不想活了").risk;
  const blue: RiskAssessment = sharedTriager().triage("楼上装修有点吵").risk;

  it("raiseOnly never lowers", () => {
    expect(raiseOnly("red", "blue")).toBe("red");
    expect(raiseOnly("yellow", "orange")).toBe("orange");
  });
  it("mergeRisk keeps red when a calmer message follows", () => {
    const merged = mergeRisk(red, blue);
    expect(merged.color).toBe("red");
    expect(merged.owner).toBe("political_legal_secretary");
    expect(merged.reasons.some((r) => r.criterion === "self_harm")).toBe(true);
  });
  it("only a confirming person may lower it", () => {
    expect(mergeRisk(red, blue, { confirmedBy: "mediator:42" }).color).toBe("blue");
  });
});
